using System.Text.Json;
using System.Text.Json.Nodes;

namespace Avenir.Grains.Prospects;

/// <summary>A <c>prospect_candidates</c> row as the set-based import reads it.</summary>
public sealed record ProspectBulkRow(
    string Website, Guid Id, bool Contacted, bool DoNotContact, JsonElement Profile, long Version,
    double? ProfileSimilarity, string? ProfileSimilarityModel, string? ProfileSimilarityHash)
{
    public ProspectSimilarity? Similarity => ProspectSimilarity.From(ProfileSimilarity, ProfileSimilarityModel, ProfileSimilarityHash);
}

/// <summary>A row the set-based import wrote.</summary>
public sealed record ProspectBulkWritten(string Website, Guid Id);

/// <summary>An industry's priority as the set-based import reads it.</summary>
public sealed record ProspectIndustryPriority(string Industry, decimal PriorityScore);

/// <summary>
/// <see cref="ProspectBulkMerge"/>'s statements: one read of a batch's rows, one of their industries' priorities, one
/// INSERT of the new rows and one UPDATE of the changed ones, each over a single <c>jsonb_to_recordset</c> parameter
/// (system transaction: agency data, V12). The UPDATE states each row's version read (<c>xmin</c>), as
/// <see cref="ProspectRows.WriteAsync"/> does: a row changed meanwhile is not written, and the caller hands it to its grain.
/// </summary>
public static class ProspectBulkRows
{
    private const string Columns =
        """
        business_name text, website text, industry text, region text, language text, contact_email text, employee_count integer,
        country text, source text, sources text[], first_seen_at timestamptz, last_seen_at timestamptz, has_contact_form boolean,
        automation_need_score smallint, score_explanation jsonb, profile jsonb, description_hash text, version bigint
        """;

    public static Task<IReadOnlyList<ProspectBulkRow>> FindAsync(TenantTransaction transaction, string[] websites, CancellationToken cancellationToken) =>
        transaction.QueryAsync<ProspectBulkRow>(
            """
            SELECT website, id, contacted, do_not_contact, profile, xmin::text::bigint AS version,
                   profile_similarity, profile_similarity_model, profile_similarity_hash
              FROM prospect_candidates WHERE website = ANY(@websites)
            """,
            new { websites }, cancellationToken);

    public static Task<IReadOnlyList<ProspectIndustryPriority>> PrioritiesAsync(
        TenantTransaction transaction, string[] industries, CancellationToken cancellationToken) =>
        transaction.QueryAsync<ProspectIndustryPriority>(
            "SELECT industry, priority_score FROM prospect_industry_performance WHERE industry = ANY(@industries)",
            new { industries }, cancellationToken);

    /// <summary>Inserts the rows that do not exist yet; a row some other writer created meanwhile is skipped (not returned).</summary>
    public static Task<IReadOnlyList<ProspectBulkWritten>> InsertAsync(
        TenantTransaction transaction, IReadOnlyList<ProspectRowValues> rows, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.QueryAsync<ProspectBulkWritten>(
            $"""
            INSERT INTO prospect_candidates (business_name, website, industry, region, language, contact_email, employee_count,
                country, source, sources, first_seen_at, last_seen_at, has_contact_form, automation_need_score,
                score_explanation, profile, description_hash, created_at, updated_at)
            SELECT v.business_name, v.website, v.industry, v.region, v.language, v.contact_email, v.employee_count,
                   v.country, v.source, v.sources, v.first_seen_at, v.last_seen_at, v.has_contact_form, v.automation_need_score,
                   v.score_explanation, v.profile, v.description_hash, @now, @now
              FROM jsonb_to_recordset(@rows) AS v({Columns})
            ON CONFLICT DO NOTHING
            RETURNING website, id
            """,
            new { rows = Sql.Jsonb(Json(rows.Select(r => (r, (long?)null))).ToJsonString()), now }, cancellationToken);

    /// <summary>Rewrites the rows still at the version read; a row changed meanwhile is skipped (not returned).</summary>
    public static Task<IReadOnlyList<ProspectBulkWritten>> UpdateAsync(
        TenantTransaction transaction, IReadOnlyList<(ProspectRowValues Row, long Version)> rows, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.QueryAsync<ProspectBulkWritten>(
            $"""
            UPDATE prospect_candidates p
               SET business_name = v.business_name, industry = v.industry, region = v.region, language = v.language,
                   contact_email = v.contact_email, employee_count = v.employee_count, country = v.country, source = v.source,
                   sources = v.sources, first_seen_at = v.first_seen_at, last_seen_at = v.last_seen_at,
                   has_contact_form = v.has_contact_form, automation_need_score = v.automation_need_score,
                   score_explanation = v.score_explanation, profile = v.profile, description_hash = v.description_hash, updated_at = @now
              FROM jsonb_to_recordset(@rows) AS v({Columns})
             WHERE p.website = v.website AND p.xmin::text::bigint = v.version
            RETURNING p.website, p.id
            """,
            new { rows = Sql.Jsonb(Json(rows.Select(r => (r.Row, (long?)r.Version))).ToJsonString()), now }, cancellationToken);

    /// <summary>The rows as one JSON array, nested values serialised as <see cref="ProspectRows.WriteAsync"/> stores them.</summary>
    private static JsonArray Json(IEnumerable<(ProspectRowValues Row, long? Version)> rows) =>
    [
        .. rows.Select(x => new JsonObject
        {
            ["business_name"] = x.Row.BusinessName,
            ["website"] = x.Row.Website,
            ["industry"] = x.Row.Industry,
            ["region"] = x.Row.Region,
            ["language"] = x.Row.Language,
            ["contact_email"] = x.Row.ContactEmail,
            ["employee_count"] = x.Row.EmployeeCount,
            ["country"] = x.Row.Country,
            ["source"] = x.Row.Source,
            ["sources"] = new JsonArray([.. x.Row.Sources.Select(s => (JsonNode?)JsonValue.Create(s))]),
            ["first_seen_at"] = x.Row.FirstSeenAt,
            ["last_seen_at"] = x.Row.LastSeenAt,
            ["has_contact_form"] = x.Row.HasContactForm,
            ["automation_need_score"] = x.Row.Score,
            ["score_explanation"] = JsonSerializer.SerializeToNode(x.Row.ScoreExplanation, Sql.Json),
            ["profile"] = JsonSerializer.SerializeToNode(x.Row.Profile, Sql.Json),
            ["description_hash"] = x.Row.DescriptionHash,
            ["version"] = x.Version,
        }),
    ];
}
