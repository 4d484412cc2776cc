namespace Avenir.Silo.Intelligence.Profile;

/// <summary>The statements on <c>avenir_profile_embeddings</c> (agency data, system transactions), rows per embedding model.</summary>
internal static class ProfileEmbeddingRows
{
    /// <summary>One chunk's vector (a settable member: Npgsql reports <c>real[]</c> as <see cref="Array"/>, which no constructor takes).</summary>
    public sealed record Vector
    {
        public float[] Embedding { get; init; } = [];
    }

    /// <summary>Serialises writers of one model's rows (another silo embedding the same profile) until the transaction ends.</summary>
    public static Task LockAsync(TenantTransaction transaction, string model, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('avenir_profile_embeddings:' || @model))", new { model }, cancellationToken);

    /// <summary>How many rows of <paramref name="model"/> embed the profile text of <paramref name="textHash"/>.</summary>
    public static Task<long> CountAsync(TenantTransaction transaction, string model, string textHash, CancellationToken cancellationToken) =>
        transaction.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM avenir_profile_embeddings WHERE embedding_model = @model AND metadata->>'text_hash' = @textHash",
            new { model, textHash }, cancellationToken);

    /// <summary>Replaces the rows of <paramref name="model"/> with one per chunk.</summary>
    public static async Task ReplaceAsync(TenantTransaction transaction, string model, IReadOnlyList<ProfileChunk> chunks, IReadOnlyList<float[]> embeddings,
        object metadata, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await transaction.ExecuteAsync("DELETE FROM avenir_profile_embeddings WHERE embedding_model = @model", new { model }, cancellationToken);
        for (var i = 0; i < chunks.Count; i++)
        {
            await transaction.ExecuteAsync(
                """
                INSERT INTO avenir_profile_embeddings (chunk_index, chunk_text, embedding, embedding_model, metadata, created_at, updated_at)
                VALUES (@index, @text, @embedding, @model, @metadata, @now, @now)
                """,
                new { index = chunks[i].Index, text = chunks[i].Text, embedding = embeddings[i], model, metadata = Sql.Jsonb(metadata), now },
                cancellationToken);
        }
    }

    /// <summary>The vectors of <paramref name="model"/>, in chunk order.</summary>
    public static Task<IReadOnlyList<Vector>> VectorsAsync(TenantTransaction transaction, string model, CancellationToken cancellationToken) =>
        transaction.QueryAsync<Vector>(
            "SELECT embedding FROM avenir_profile_embeddings WHERE embedding_model = @model ORDER BY chunk_index", new { model }, cancellationToken);
}
