using System.Text.Json;

namespace Avenir.Api.Admin.Prospects;

/// <summary>A prospect in the list.</summary>
public sealed record ProspectListItem
{
    public Guid Id { get; init; }
    public required string Domain { get; init; }
    public required string BusinessName { get; init; }
    public string? Industry { get; init; }
    public string? Region { get; init; }
    public string? Language { get; init; }
    public int? EmployeeCount { get; init; }
    public required string[] Sources { get; init; }
    public int? Score { get; init; }
    public bool Contacted { get; init; }
    public bool DoNotContact { get; init; }
    public DateTimeOffset? LastTested { get; init; }
    public DateTimeOffset? LastSeenAt { get; init; }
}

/// <summary>A prospect with what its detail page shows.</summary>
public sealed record ProspectDetailRow
{
    public Guid Id { get; init; }
    public required string Domain { get; init; }
    public required string BusinessName { get; init; }
    public required string Website { get; init; }
    public string? Industry { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    public string? Language { get; init; }
    public int? EmployeeCount { get; init; }
    public string? ContactEmail { get; init; }
    public required string[] Sources { get; init; }
    public int? Score { get; init; }
    public JsonElement ScoreExplanation { get; init; }
    public JsonElement Profile { get; init; }
    public bool Contacted { get; init; }
    public bool DoNotContact { get; init; }
    public bool? HasContactForm { get; init; }
    public DateTimeOffset? FirstSeenAt { get; init; }
    public DateTimeOffset? LastSeenAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One form test of a prospect.</summary>
public sealed record ProspectFormTestRow
{
    public Guid Id { get; init; }
    public required string TestStatus { get; init; }
    public DateTimeOffset TestSubmittedAt { get; init; }
    public DateTimeOffset? ResponseReceivedAt { get; init; }
    public decimal? ResponseTimeMinutes { get; init; }
    public bool? HasAutoresponder { get; init; }
    public string? AutoresponderTone { get; init; }
    public int? Score { get; init; }
    public JsonElement Metadata { get; init; }
}

/// <summary>One piece of CASL consent evidence of a prospect (V73 <c>prospect_consent</c>).</summary>
public sealed record ProspectConsentItem
{
    public Guid Id { get; init; }
    public required string Kind { get; init; }
    public required string EmailAddress { get; init; }
    public string? SourceUrl { get; init; }
    public DateTimeOffset SeenAt { get; init; }
    public string? Method { get; init; }
    public bool PageRefusesUnsolicitedEmail { get; init; }
    public required string Note { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A prospect of a day's queue (V71 <c>prospect_daily_queue</c>).</summary>
public sealed record ProspectQueueItem
{
    public int Position { get; init; }
    public Guid ProspectId { get; init; }
    public required string Domain { get; init; }
    public required string BusinessName { get; init; }
    public string? Industry { get; init; }
    public int? Score { get; init; }
    public bool Contacted { get; init; }
}

/// <summary>A prospect job (<c>queue_jobs</c> of a <c>prospect_*</c> or <c>daily_prospect_queue</c> type) as its status endpoint shows it.</summary>
public sealed record ProspectJobStatus
{
    public Guid Id { get; init; }
    public required string JobType { get; init; }
    public required string Status { get; init; }
    public int Attempts { get; init; }
    public decimal Progress { get; init; }
    public string? ProgressMessage { get; init; }
    public JsonElement? Result { get; init; }
    public string? Error { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset RunAfter { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>
/// The admin API's reads of the prospect tables (system transactions: agency data, V12). Prospects are written by
/// their <c>IProspectGrain</c> only.
/// </summary>
public sealed class ProspectQueries(TenantDatabase database)
{
    private const string Filters =
        """
         FROM prospect_candidates
        WHERE (@Industry::text IS NULL OR lower(industry) = @Industry)
          AND (@Region::text IS NULL OR region = @Region)
          AND (@Language::text IS NULL OR language = @Language)
          AND (@MinScore::int IS NULL OR automation_need_score >= @MinScore)
          AND (@MaxScore::int IS NULL OR automation_need_score <= @MaxScore)
          AND (@Source::text IS NULL OR sources @> ARRAY[@Source::text])
          AND (@Contacted::boolean IS NULL OR contacted = @Contacted)
          AND (@Tested::boolean IS NULL OR (last_tested IS NOT NULL) = @Tested)
        """;

    public async Task<(IReadOnlyList<ProspectListItem> Items, long Total)> ListAsync(ProspectFilter filter, CancellationToken cancellationToken)
    {
        var order = filter.Sort switch
        {
            "name" => "lower(business_name), id",
            "last_seen" => "last_seen_at DESC NULLS LAST, id",
            "created" => "created_at DESC, id",
            _ => "automation_need_score DESC NULLS LAST, id",
        };
        var parameters = new
        {
            filter.Industry, filter.Region, filter.Language, filter.MinScore, filter.MaxScore, filter.Source, filter.Contacted,
            filter.Tested, Limit = filter.PageSize, filter.Offset,
        };
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var items = await transaction.QueryAsync<ProspectListItem>(
            $"""
            SELECT id, website_domain AS domain, business_name, industry, region, language, employee_count, sources,
                   automation_need_score::int AS score, contacted, do_not_contact, last_tested, last_seen_at
            {Filters}
            ORDER BY {order} LIMIT @Limit OFFSET @Offset
            """, parameters, cancellationToken);
        var total = await transaction.ExecuteScalarAsync<long>("SELECT count(*) " + Filters, parameters, cancellationToken);
        return (items, total);
    }

    /// <summary>The prospect's grain key (its normalised domain), or null when there is no such prospect.</summary>
    public async Task<string?> DomainAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.ExecuteScalarAsync<string>("SELECT website_domain FROM prospect_candidates WHERE id = @id", new { id }, cancellationToken);
    }

    /// <summary>The prospect's consent evidence, newest first (the newest per address is the basis the send evaluates).</summary>
    private static Task<IReadOnlyList<ProspectConsentItem>> ConsentAsync(TenantTransaction transaction, Guid id, CancellationToken cancellationToken) =>
        transaction.QueryAsync<ProspectConsentItem>(
            """
            SELECT id, basis_kind AS kind, email_address, source_url, seen_at, method, page_refuses_email AS page_refuses_unsolicited_email, note,
                   recorded_by, created_at
              FROM prospect_consent WHERE prospect_id = @id ORDER BY created_at DESC, id DESC
            """, new { id }, cancellationToken);

    public async Task<(ProspectDetailRow? Prospect, IReadOnlyList<ProspectFormTestRow> Tests, IReadOnlyList<ProspectConsentItem> Consent)> FindAsync(
        Guid id, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var prospect = await transaction.QuerySingleOrDefaultAsync<ProspectDetailRow>(
            """
            SELECT id, website_domain AS domain, business_name, website, industry, region, country, language, employee_count,
                   contact_email, sources, automation_need_score::int AS score, score_explanation, profile, contacted, do_not_contact,
                   has_contact_form, first_seen_at, last_seen_at, created_at
              FROM prospect_candidates WHERE id = @id
            """, new { id }, cancellationToken);
        if (prospect is null)
        {
            return (null, [], []);
        }

        var tests = await transaction.QueryAsync<ProspectFormTestRow>(
            """
            SELECT id, test_status, test_submitted_at, response_received_at, response_time_minutes, has_autoresponder,
                   autoresponder_tone, score::int AS score, metadata
              FROM prospect_form_tests WHERE prospect_id = @id ORDER BY test_submitted_at DESC, id
            """, new { id }, cancellationToken);
        return (prospect, tests, await ConsentAsync(transaction, id, cancellationToken));
    }

    /// <summary>The day's queue in order, or null when the day has not been selected.</summary>
    public async Task<(DateTimeOffset SelectedAt, IReadOnlyList<ProspectQueueItem> Items)?> QueueAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        var selectedAt = await transaction.ExecuteScalarAsync<DateTimeOffset?>(
            "SELECT selected_at FROM prospect_daily_queue_days WHERE queue_date = @day", new { day }, cancellationToken);
        if (selectedAt is not { } at)
        {
            return null;
        }

        var items = await transaction.QueryAsync<ProspectQueueItem>(
            """
            SELECT q.position, q.prospect_id, p.website_domain AS domain, p.business_name, q.industry, q.score::int AS score, p.contacted
              FROM prospect_daily_queue q JOIN prospect_candidates p ON p.id = q.prospect_id
             WHERE q.queue_date = @day ORDER BY q.position
            """, new { day }, cancellationToken);
        return (at, items);
    }

    /// <summary>A prospect job by id (other job types are not this API's: null).</summary>
    public async Task<ProspectJobStatus?> JobAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await transaction.QuerySingleOrDefaultAsync<ProspectJobStatus>(
            """
            SELECT id, job_type, status, attempts, progress, progress_message, result, error, last_error, created_at, run_after, completed_at
              FROM queue_jobs
             WHERE id = @id AND (job_type LIKE 'prospect\_%' OR job_type = 'daily_prospect_queue')
            """, new { id }, cancellationToken);
    }
}
