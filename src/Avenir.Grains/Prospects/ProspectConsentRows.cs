using Avenir.Contracts.Prospects;
using Avenir.Grains.Outreach.Consent;

namespace Avenir.Grains.Prospects;

/// <summary>A <c>prospect_consent</c> row.</summary>
public sealed record ProspectConsentRow(
    Guid Id, Guid ProspectId, string BasisKind, string EmailAddress, string? SourceUrl, DateTimeOffset SeenAt, string? Method,
    bool PageRefusesEmail, string Note, string RecordedBy, DateTimeOffset CreatedAt)
{
    /// <summary>The row as the basis <see cref="ConsentCheck"/> evaluates (null for a kind it does not know).</summary>
    public ConsentBasis? ToBasis() => BasisKind switch
    {
        ProspectConsentKinds.ConspicuousPublication when Uri.TryCreate(SourceUrl, UriKind.Absolute, out var page) => new ConspicuousPublicationBasis
        {
            EmailAddress = EmailAddress, PageUrl = page, SeenAt = SeenAt, PageRefusesUnsolicitedEmail = PageRefusesEmail, BusinessRelevance = Note,
        },
        ProspectConsentKinds.ExpressConsent => new ExpressConsentBasis
        {
            EmailAddress = EmailAddress, GivenAt = SeenAt, Evidence = Note,
            Method = Method switch
            {
                "email" => ExpressConsentMethod.Email,
                "written" => ExpressConsentMethod.Written,
                "oral" => ExpressConsentMethod.Oral,
                _ => ExpressConsentMethod.WebForm,
            },
        },
        ProspectConsentKinds.ExistingBusinessRelationship => new ExistingBusinessRelationshipBasis
        {
            EmailAddress = EmailAddress, Since = SeenAt, Evidence = Note,
            Kind = Method == "inquiry" ? BusinessRelationshipKind.Inquiry : BusinessRelationshipKind.PurchaseOrContract,
        },
        _ => null,
    };
}

/// <summary>
/// Statements on <c>prospect_consent</c> (V73, agency data: system transactions). Written only by
/// <see cref="ProspectGrain"/>; read by the campaign grain at every send and by the admin API.
/// </summary>
public static class ProspectConsentRows
{
    private const string Columns =
        "id, prospect_id, basis_kind, email_address, source_url, seen_at, method, page_refuses_email, note, recorded_by, created_at";

    /// <summary>Inserts the evidence; the same evidence again (address, kind, date and page) returns the row recorded first.</summary>
    public static Task<ProspectConsentRow> InsertAsync(
        TenantTransaction transaction, Guid prospectId, ProspectConsentEvidence evidence, DateTimeOffset now) =>
        transaction.QuerySingleAsync<ProspectConsentRow>(
            $"""
            WITH inserted AS (
                INSERT INTO prospect_consent (prospect_id, basis_kind, email_address, source_url, seen_at, method, page_refuses_email, note,
                                              recorded_by, created_at)
                VALUES (@prospectId, @Kind, lower(@EmailAddress), @SourceUrl, @SeenAt, @Method, @PageRefusesUnsolicitedEmail, @Note,
                        @RecordedBy, @now)
                ON CONFLICT (prospect_id, email_address, basis_kind, seen_at, (coalesce(source_url, ''))) DO NOTHING
                RETURNING {Columns})
            SELECT {Columns} FROM inserted
            UNION ALL
            SELECT {Columns} FROM prospect_consent
             WHERE prospect_id = @prospectId AND email_address = lower(@EmailAddress) AND basis_kind = @Kind AND seen_at = @SeenAt
               AND coalesce(source_url, '') = coalesce(@SourceUrl, '') AND NOT EXISTS (SELECT 1 FROM inserted)
            """,
            new
            {
                prospectId,
                evidence.Kind,
                evidence.EmailAddress,
                SourceUrl = string.IsNullOrWhiteSpace(evidence.SourceUrl) ? null : evidence.SourceUrl,
                SeenAt = evidence.SeenAt.ToUniversalTime(),
                evidence.Method,
                evidence.PageRefusesUnsolicitedEmail,
                evidence.Note,
                evidence.RecordedBy,
                now,
            });

    /// <summary>
    /// The basis in force for <paramref name="address"/>: the newest evidence for it, else the prospect's newest evidence
    /// for another address (which <see cref="ConsentCheck"/> refuses, saying so), else null.
    /// </summary>
    public static Task<ProspectConsentRow?> InForceAsync(TenantTransaction transaction, Guid prospectId, string address) =>
        transaction.QuerySingleOrDefaultAsync<ProspectConsentRow>(
            $"""
            SELECT {Columns} FROM prospect_consent
             WHERE prospect_id = @prospectId
             ORDER BY (email_address = lower(@address)) DESC, created_at DESC, id DESC
             LIMIT 1
            """,
            new { prospectId, address });

    /// <summary>Every piece of evidence of the prospect, newest first (its detail page).</summary>
    public static Task<IReadOnlyList<ProspectConsentRow>> ListAsync(TenantTransaction transaction, Guid prospectId, CancellationToken cancellationToken) =>
        transaction.QueryAsync<ProspectConsentRow>(
            $"SELECT {Columns} FROM prospect_consent WHERE prospect_id = @prospectId ORDER BY created_at DESC, id DESC",
            new { prospectId }, cancellationToken);
}
