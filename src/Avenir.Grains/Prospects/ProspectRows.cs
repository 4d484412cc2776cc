using System.Text.Json;

namespace Avenir.Grains.Prospects;

/// <summary>A <c>prospect_candidates</c> row as <see cref="ProspectGrain"/> loads it.</summary>
public sealed record ProspectRow(Guid Id, bool Contacted, bool DoNotContact, JsonElement Profile);

/// <summary>What <see cref="ProspectGrain"/> writes to its row.</summary>
public sealed record ProspectRowValues(
    string Website, string BusinessName, string? Industry, string? Region, string? Language, string? ContactEmail,
    int? EmployeeCount, string? Country, string Source, string[] Sources, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt,
    bool? HasContactForm, int Score, object ScoreExplanation, object Profile, DateTimeOffset Now);

/// <summary>
/// <see cref="ProspectGrain"/>'s statements on <c>prospect_candidates</c> (system transactions: agency data, V12), and
/// its read of the industry's priority in <c>prospect_industry_performance</c>.
/// </summary>
public static class ProspectRows
{
    public static Task<ProspectRow?> FindAsync(TenantTransaction transaction, string website, CancellationToken cancellationToken = default) =>
        transaction.QuerySingleOrDefaultAsync<ProspectRow>(
            "SELECT id, contacted, do_not_contact, profile FROM prospect_candidates WHERE website = @website",
            new { website }, cancellationToken);

    /// <summary>The industry's priority 0–100, or null when the industry has no row yet.</summary>
    public static Task<decimal?> IndustryPriorityAsync(TenantTransaction transaction, string industry, CancellationToken cancellationToken = default) =>
        transaction.ExecuteScalarAsync<decimal?>(
            "SELECT priority_score FROM prospect_industry_performance WHERE industry = @industry", new { industry }, cancellationToken);

    /// <summary>Creates or rewrites the row (keyed by its canonical website); returns its id.</summary>
    public static Task<Guid> UpsertAsync(TenantTransaction transaction, ProspectRowValues row) =>
        transaction.QuerySingleAsync<Guid>(
            """
            INSERT INTO prospect_candidates (business_name, website, industry, region, language, contact_email, employee_count,
                country, source, sources, first_seen_at, last_seen_at, has_contact_form, automation_need_score,
                score_explanation, profile, created_at, updated_at)
            VALUES (@BusinessName, @Website, @Industry, @Region, @Language, @ContactEmail, @EmployeeCount,
                @Country, @Source, @Sources, @FirstSeenAt, @LastSeenAt, @HasContactForm, @Score,
                @ScoreExplanation, @Profile, @Now, @Now)
            ON CONFLICT (website) DO UPDATE
               SET business_name = excluded.business_name, industry = excluded.industry, region = excluded.region,
                   language = excluded.language, contact_email = excluded.contact_email,
                   employee_count = excluded.employee_count, country = excluded.country, source = excluded.source,
                   sources = excluded.sources, first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at,
                   has_contact_form = excluded.has_contact_form, automation_need_score = excluded.automation_need_score,
                   score_explanation = excluded.score_explanation, profile = excluded.profile, updated_at = excluded.updated_at
            RETURNING id
            """,
            new
            {
                row.BusinessName, row.Website, row.Industry, row.Region, row.Language, row.ContactEmail, row.EmployeeCount,
                row.Country, row.Source, row.Sources, row.FirstSeenAt, row.LastSeenAt, row.HasContactForm, row.Score,
                ScoreExplanation = Sql.Jsonb(row.ScoreExplanation), Profile = Sql.Jsonb(row.Profile), row.Now,
            });

    public static Task<int> SetDoNotContactAsync(TenantTransaction transaction, Guid id, DateTimeOffset now) =>
        transaction.ExecuteAsync(
            """
            UPDATE prospect_candidates SET do_not_contact = true, do_not_contact_at = @now, updated_at = @now
             WHERE id = @id AND NOT do_not_contact
            """,
            new { id, now });
}
