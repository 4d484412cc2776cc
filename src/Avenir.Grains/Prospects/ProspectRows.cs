using System.Text.Json;

namespace Avenir.Grains.Prospects;

/// <summary>A <c>prospect_candidates</c> row as <see cref="ProspectGrain"/> loads it.</summary>
/// <param name="Version">The row version's transaction id (<c>xmin</c>): a write states the version it read, so a write
/// from stale state (the row changed by the set-based import meanwhile) changes nothing and the writer re-reads.</param>
/// <param name="ProfileSimilarity">The stored similarity columns (V75), written by the <c>prospect_similarity</c> job.</param>
public sealed record ProspectRow(
    Guid Id, bool Contacted, bool DoNotContact, JsonElement Profile, long Version,
    double? ProfileSimilarity, string? ProfileSimilarityModel, string? ProfileSimilarityHash)
{
    public ProspectSimilarity? Similarity => ProspectSimilarity.From(ProfileSimilarity, ProfileSimilarityModel, ProfileSimilarityHash);
}

/// <summary>A written row's id and new version.</summary>
public sealed record ProspectWritten(Guid Id, long Version);

/// <summary>What <see cref="ProspectGrain"/> (or the set-based import) writes to a row.</summary>
public sealed record ProspectRowValues(
    string Website, string BusinessName, string? Industry, string? Region, string? Language, string? ContactEmail,
    int? EmployeeCount, string? Country, string Source, string[] Sources, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt,
    bool? HasContactForm, int Score, object ScoreExplanation, object Profile, DateTimeOffset Now, DateTimeOffset? LastTested = null,
    string? DescriptionHash = null);

/// <summary>
/// <see cref="ProspectGrain"/>'s statements on <c>prospect_candidates</c> (system transactions: agency data, V12), and
/// its read of the industry's priority in <c>prospect_industry_performance</c>.
/// </summary>
public static class ProspectRows
{
    public static Task<ProspectRow?> FindAsync(TenantTransaction transaction, string website, CancellationToken cancellationToken = default) =>
        transaction.QuerySingleOrDefaultAsync<ProspectRow>(
            """
            SELECT id, contacted, do_not_contact, profile, xmin::text::bigint AS version,
                   profile_similarity, profile_similarity_model, profile_similarity_hash
              FROM prospect_candidates WHERE website = @website
            """,
            new { website }, cancellationToken);

    /// <summary>The industry's priority 0–100, or null when the industry has no row yet.</summary>
    public static Task<decimal?> IndustryPriorityAsync(TenantTransaction transaction, string industry, CancellationToken cancellationToken = default) =>
        transaction.ExecuteScalarAsync<decimal?>(
            "SELECT priority_score FROM prospect_industry_performance WHERE industry = @industry", new { industry }, cancellationToken);

    /// <summary>
    /// Creates the row (<paramref name="version"/> null) or rewrites the version read; returns its id and new version,
    /// or null when the row is not as read (created or changed by another writer since): re-read and merge again.
    /// </summary>
    public static Task<ProspectWritten?> WriteAsync(TenantTransaction transaction, ProspectRowValues row, long? version) =>
        transaction.QuerySingleOrDefaultAsync<ProspectWritten>(
            version is null
                ? """
                  INSERT INTO prospect_candidates (business_name, website, industry, region, language, contact_email, employee_count,
                      country, source, sources, first_seen_at, last_seen_at, has_contact_form, automation_need_score,
                      score_explanation, profile, description_hash, last_tested, created_at, updated_at)
                  VALUES (@BusinessName, @Website, @Industry, @Region, @Language, @ContactEmail, @EmployeeCount,
                      @Country, @Source, @Sources, @FirstSeenAt, @LastSeenAt, @HasContactForm, @Score,
                      @ScoreExplanation, @Profile, @DescriptionHash, @LastTested, @Now, @Now)
                  ON CONFLICT (website) DO NOTHING
                  RETURNING id, xmin::text::bigint AS version
                  """
                : """
                  UPDATE prospect_candidates
                     SET business_name = @BusinessName, industry = @Industry, region = @Region, language = @Language,
                         contact_email = @ContactEmail, employee_count = @EmployeeCount, country = @Country, source = @Source,
                         sources = @Sources, first_seen_at = @FirstSeenAt, last_seen_at = @LastSeenAt,
                         has_contact_form = @HasContactForm, automation_need_score = @Score,
                         score_explanation = @ScoreExplanation, profile = @Profile, description_hash = @DescriptionHash,
                         last_tested = coalesce(@LastTested, last_tested), updated_at = @Now
                   WHERE website = @Website AND xmin::text::bigint = @Version
                  RETURNING id, xmin::text::bigint AS version
                  """,
            new
            {
                row.BusinessName, row.Website, row.Industry, row.Region, row.Language, row.ContactEmail, row.EmployeeCount,
                row.Country, row.Source, row.Sources, row.FirstSeenAt, row.LastSeenAt, row.HasContactForm, row.Score,
                ScoreExplanation = Sql.Jsonb(row.ScoreExplanation), Profile = Sql.Jsonb(row.Profile), row.Now, row.LastTested, Version = version,
                row.DescriptionHash,
            });

    /// <summary>Sets do-not-contact; returns the row's new version (null when it already was).</summary>
    public static Task<long?> SetDoNotContactAsync(TenantTransaction transaction, Guid id, DateTimeOffset now) =>
        transaction.ExecuteScalarAsync<long?>(
            """
            UPDATE prospect_candidates SET do_not_contact = true, do_not_contact_at = @now, updated_at = @now
             WHERE id = @id AND NOT do_not_contact
            RETURNING xmin::text::bigint
            """,
            new { id, now });
}
