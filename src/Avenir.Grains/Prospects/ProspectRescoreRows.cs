using Avenir.Contracts.Prospects;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Avenir.Grains.Prospects;

/// <summary>A <c>prospect_candidates</c> row as a set-based rescore reads it: the score's inputs, the score and the version.</summary>
public sealed record ProspectScoreRow(
    Guid Id, string Website, JsonElement Profile, long Version, short AutomationNeedScore, JsonElement ScoreExplanation,
    string? DescriptionHash, double? ProfileSimilarity, string? ProfileSimilarityModel, string? ProfileSimilarityHash)
{
    public ProspectSimilarity? Similarity => ProspectSimilarity.From(ProfileSimilarity, ProfileSimilarityModel, ProfileSimilarityHash);
}

/// <summary>What a set-based rescore writes to one row, at the version it read.</summary>
public sealed record ProspectScoreWrite(
    Guid Id, long Version, int Score, IReadOnlyList<ProspectScorePart> Explanation, string? DescriptionHash, ProspectSimilarity? Similarity);

/// <summary>
/// The set-based rescore's statements (<see cref="ProspectRescore"/>, the <c>prospect_similarity</c> job): pages of rows by
/// id, and one version-checked UPDATE over a <c>jsonb_to_recordset</c> parameter, as <see cref="ProspectBulkRows"/> writes.
/// </summary>
public static class ProspectRescoreRows
{
    private const string Selected =
        """
        SELECT id, website, profile, xmin::text::bigint AS version, automation_need_score, score_explanation, description_hash,
               profile_similarity, profile_similarity_model, profile_similarity_hash
          FROM prospect_candidates
        """;

    /// <summary>The next rows after <paramref name="after"/> (by id), of one industry or (null) of all.</summary>
    public static Task<IReadOnlyList<ProspectScoreRow>> PageAsync(
        TenantTransaction transaction, Guid after, string? industry, int limit, CancellationToken cancellationToken) =>
        transaction.QueryAsync<ProspectScoreRow>(
            industry is null
                ? $"{Selected} WHERE id > @after ORDER BY id LIMIT @limit"
                : $"{Selected} WHERE industry = @industry AND id > @after ORDER BY id LIMIT @limit",
            new { after, industry, limit }, cancellationToken);

    /// <summary>
    /// The next rows after <paramref name="after"/> whose description was not compared by <paramref name="model"/>: never,
    /// for another description (its hash moved), or by another model.
    /// </summary>
    public static Task<IReadOnlyList<ProspectScoreRow>> DueForSimilarityAsync(
        TenantTransaction transaction, Guid after, string model, int limit, CancellationToken cancellationToken) =>
        transaction.QueryAsync<ProspectScoreRow>(
            $"""
            {Selected}
             WHERE description_hash IS NOT NULL AND id > @after
               AND (profile_similarity_hash IS DISTINCT FROM description_hash OR profile_similarity_model IS DISTINCT FROM @model)
             ORDER BY id LIMIT @limit
            """,
            new { after, model, limit }, cancellationToken);

    /// <summary>Writes the rows still at the version read; returns the ids written (a row changed meanwhile is skipped).</summary>
    public static Task<IReadOnlyList<Guid>> WriteAsync(
        TenantTransaction transaction, IReadOnlyList<ProspectScoreWrite> rows, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.QueryAsync<Guid>(
            """
            UPDATE prospect_candidates p
               SET automation_need_score = v.score, score_explanation = v.explanation, description_hash = v.description_hash,
                   profile_similarity = v.similarity, profile_similarity_model = v.model, profile_similarity_hash = v.similarity_hash,
                   updated_at = @now
              FROM jsonb_to_recordset(@rows) AS v(id uuid, version bigint, score smallint, explanation jsonb, description_hash text,
                   similarity double precision, model text, similarity_hash text)
             WHERE p.id = v.id AND p.xmin::text::bigint = v.version
            RETURNING p.id
            """,
            new { rows = Sql.Jsonb(Json(rows).ToJsonString()), now }, cancellationToken);

    private static JsonArray Json(IReadOnlyList<ProspectScoreWrite> rows) =>
    [
        .. rows.Select(r => new JsonObject
        {
            ["id"] = r.Id,
            ["version"] = r.Version,
            ["score"] = r.Score,
            ["explanation"] = JsonSerializer.SerializeToNode(r.Explanation, Sql.Json),
            ["description_hash"] = r.DescriptionHash,
            ["similarity"] = r.Similarity?.Cosine,
            ["model"] = r.Similarity?.Model,
            ["similarity_hash"] = r.Similarity?.DescriptionHash,
        }),
    ];
}
