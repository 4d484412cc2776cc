using Avenir.Silo.Prospects.FormTesting.Analysis;

namespace Avenir.Silo.Prospects.FormTesting.Jobs;

/// <summary>A form test's row and the prospect it tests, as the job reads it.</summary>
/// <param name="VisitUrl">The website as the most trusted source wrote it (scheme and port kept: a site that only answers
/// http is visited so), else the row's canonical <c>https://domain</c>.</param>
public sealed record ProspectFormTestJobRow(
    Guid Id, Guid ProspectId, string TestStatus, JsonElement Metadata, string VisitUrl, string BusinessName, string Domain,
    decimal? ResponseTimeMinutes, string? AutoresponderTone);

/// <summary>
/// The <c>prospect_form_test</c> job's statements on <c>prospect_form_tests</c> (system transactions). The visit's
/// record (<see cref="FormTestSubmitted"/>) is kept in <c>metadata.submitted</c>, so a rerun watches instead of
/// submitting again; the result is written once, from <c>pending</c> only.
/// </summary>
public static class ProspectFormTestJobRows
{
    public static Task<ProspectFormTestJobRow?> FindAsync(TenantTransaction transaction, Guid testId, CancellationToken cancellationToken) =>
        transaction.QuerySingleOrDefaultAsync<ProspectFormTestJobRow>(
            """
            SELECT t.id, t.prospect_id, t.test_status, t.metadata,
                   coalesce(p.profile->'records'->0->>'website', p.website) AS visit_url, p.business_name, p.website_domain AS domain,
                   t.response_time_minutes, t.autoresponder_tone
              FROM prospect_form_tests t JOIN prospect_candidates p ON p.id = t.prospect_id
             WHERE t.id = @testId
            """,
            new { testId }, cancellationToken);

    public static Task<int> SaveSubmittedAsync(
        TenantTransaction transaction, Guid testId, FormTestSubmitted submitted, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            """
            UPDATE prospect_form_tests
               SET metadata = metadata || jsonb_build_object('submitted', @submitted::jsonb,
                       'formUrl', @formUrl::text, 'refusal', @refusal::text),
                   test_submitted_at = coalesce(@submittedAt, test_submitted_at), updated_at = @now
             WHERE id = @testId AND test_status = 'pending' AND metadata->'submitted' IS NULL
            """,
            new
            {
                testId, submitted = Sql.Jsonb(submitted), formUrl = submitted.ContactPage?.ToString(), refusal = submitted.Refusal?.Code,
                submittedAt = submitted.SubmittedAt, now,
            },
            cancellationToken);

    public static Task<int> FinishAsync(
        TenantTransaction transaction, Guid testId, FormTestResult result, bool? formFound, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            """
            UPDATE prospect_form_tests
               SET test_status = @Status, response_received_at = @RepliedAt, response_time_minutes = @ResponseTimeMinutes,
                   has_autoresponder = @HasAutoresponder, autoresponder_tone = @AutoresponderTone,
                   autoresponder_content = @AutoresponderContent, score = @Score,
                   metadata = metadata || jsonb_build_object('failureReason', @FailureReason::text, 'scoreParts', @ScoreParts::jsonb,
                       'replyFrom', @ReplyFrom::text, 'toneDecidedBy', @ToneDecidedBy::text, 'formFound', @formFound::boolean),
                   updated_at = @now
             WHERE id = @testId AND test_status = 'pending'
            """,
            new
            {
                testId, result.Status, result.RepliedAt, ResponseTimeMinutes = result.ResponseTimeMinutes is { } m ? Math.Round((decimal)m, 2) : (decimal?)null,
                result.HasAutoresponder, result.AutoresponderTone, result.AutoresponderContent, Score = (short)result.Score,
                result.FailureReason, ScoreParts = Sql.Jsonb(result.ScoreParts), result.ReplyFrom, result.ToneDecidedBy, formFound, now,
            },
            cancellationToken);
}
