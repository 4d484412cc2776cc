namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>
/// Reads of <c>prospect_candidates</c> for the campaign feature (the prospects' writer is their own grain; outreach
/// never writes that table). Contact names and city come from the prospect's metadata when discovery found them.
/// </summary>
public static class CampaignProspectQueries
{
    /// <summary>
    /// The prospects matching <paramref name="target"/>, not marked do-not-contact, and on no outreach suppression.
    /// </summary>
    public static Task<IReadOnlyList<TargetProspect>> TargetedAsync(TenantTransaction transaction, CampaignTarget target, int limit) =>
        transaction.QueryAsync<TargetProspect>(
            """
            SELECT p.id, p.business_name, p.website, p.contact_email, p.industry, p.region, p.language,
                   p.metadata->>'contact_first_name' AS contact_first_name, p.metadata->>'contact_last_name' AS contact_last_name,
                   p.metadata->>'city' AS city, p.metadata->>'time_zone' AS time_zone
              FROM prospect_candidates p
             WHERE NOT p.do_not_contact
               AND (cardinality(@industries) = 0 OR lower(p.industry) = ANY (@industries))
               AND (cardinality(@regions) = 0 OR lower(p.region) = ANY (@regions))
               AND (@language::text IS NULL OR p.language = @language)
               AND (@minScore::int IS NULL OR p.automation_need_score >= @minScore)
               AND (@maxScore::int IS NULL OR p.automation_need_score <= @maxScore)
               AND (@tested::boolean IS NULL OR (p.last_tested IS NOT NULL) = @tested)
             ORDER BY p.automation_need_score DESC NULLS LAST, p.created_at, p.id
             LIMIT @limit
            """,
            new
            {
                industries = target.Industries.Select(i => i.Trim().ToLowerInvariant()).ToArray(),
                regions = target.Regions.Select(r => r.Trim().ToLowerInvariant()).ToArray(),
                language = target.Language,
                minScore = target.MinScore,
                maxScore = target.MaxScore,
                tested = target.Tested,
                limit,
            });

    /// <summary>One prospect by id (previews), whatever its flags.</summary>
    public static Task<TargetProspect?> FindAsync(TenantTransaction transaction, Guid prospectId) =>
        transaction.QuerySingleOrDefaultAsync<TargetProspect>(
            """
            SELECT p.id, p.business_name, p.website, p.contact_email, p.industry, p.region, p.language,
                   p.metadata->>'contact_first_name' AS contact_first_name, p.metadata->>'contact_last_name' AS contact_last_name,
                   p.metadata->>'city' AS city, p.metadata->>'time_zone' AS time_zone
              FROM prospect_candidates p WHERE p.id = @prospectId
            """,
            new { prospectId });
}
