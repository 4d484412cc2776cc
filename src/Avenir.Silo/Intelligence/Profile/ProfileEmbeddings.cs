using System.Reflection;
using System.Security.Cryptography;
using Avenir.Silo.Intelligence.Local;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Silo.Intelligence.Profile;

/// <summary>How close a text is to the agency's own profile (used by prospect scoring).</summary>
public interface IProfileSimilarity
{
    /// <summary>
    /// Cosine similarity between <paramref name="text"/> and the closest chunk of the agency profile, for the local
    /// embedding model (−1..1; unrelated English text is typically below 0.2, a text about the agency's business above 0.4).
    /// </summary>
    Task<double> SimilarityAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Max and mean cosine over the chunks.</summary>
    Task<(double Max, double Mean)> SimilaritiesAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>The embedding model of the profile's vectors (<c>avenir_profile_embeddings.embedding_model</c>).</summary>
    string Model { get; }

    /// <summary>
    /// The closest chunk's cosine for each text, in order, embedded in one encoder call; null while the profile has no
    /// vectors yet (the start-up initializer has not written them): nothing can be compared.
    /// </summary>
    Task<IReadOnlyList<double>?> BestSimilaritiesAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}

/// <summary>One chunk of the profile text.</summary>
public sealed record ProfileChunk(int Index, string Text);

/// <summary>
/// The agency profile (Intelligence/Profile/agency-profile.md, embedded in the assembly) chunked by paragraph
/// (about 500 characters) and embedded with the local MiniLM encoder into <c>avenir_profile_embeddings</c>
/// (model name per row; the text's SHA-256 in metadata.text_hash). <see cref="EnsureAsync"/> writes the rows only
/// when those of this model and text are missing, under a transaction-scoped advisory lock, so two silos starting
/// together write them once; a changed profile replaces the model's rows.
/// </summary>
internal sealed class ProfileEmbeddings : IProfileSimilarity
{
    public const string ModelName = "all-MiniLM-L6-v2";
    public const int TargetChunkLength = 500;
    private const string ResourceName = "Avenir.Silo.Intelligence.Profile.agency-profile.md";

    private readonly TenantDatabase database;
    private readonly Func<ISentenceEmbedder> embedder;
    private readonly TimeProvider time;
    private readonly ILogger<ProfileEmbeddings> logger;
    private volatile float[][]? vectors;

    public ProfileEmbeddings(
        TenantDatabase database, Func<ISentenceEmbedder> embedder, TimeProvider time, ILogger<ProfileEmbeddings> logger, string? profileText = null)
    {
        this.database = database;
        this.embedder = embedder;
        this.time = time;
        this.logger = logger;
        ProfileText = profileText ?? ReadEmbeddedProfile();
        TextHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ProfileText)));
        Chunks = Chunk(ProfileText);
    }

    public string ProfileText { get; }

    public string TextHash { get; }

    public IReadOnlyList<ProfileChunk> Chunks { get; }

    /// <summary>Creates the rows when missing. Returns how many rows this call wrote (0 when they were there).</summary>
    public async Task<int> EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (await CountCurrentAsync(cancellationToken) == Chunks.Count)
        {
            return 0;
        }

        // Embed outside the transaction (about 80 chunks/s on one core); write under the lock.
        var encoder = embedder();
        var embedded = Chunks.Select(chunk => encoder.Embed(chunk.Text)).ToArray();
        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await ProfileEmbeddingRows.LockAsync(transaction, ModelName, cancellationToken);
        if (await ProfileEmbeddingRows.CountAsync(transaction, ModelName, TextHash, cancellationToken) == Chunks.Count)
        {
            return 0; // another silo wrote them while we were embedding
        }

        await ProfileEmbeddingRows.ReplaceAsync(transaction, ModelName, Chunks, embedded,
            new { text_hash = TextHash, source = "agency-profile.md", encoder = encoder.Name }, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        vectors = null;
        logger.LogInformation("Agency profile embedded: {Chunks} chunk(s) with {Model}", Chunks.Count, ModelName);
        return Chunks.Count;
    }

    public async Task<double> SimilarityAsync(string text, CancellationToken cancellationToken = default) =>
        (await SimilaritiesAsync(text, cancellationToken)).Max;

    public async Task<(double Max, double Mean)> SimilaritiesAsync(string text, CancellationToken cancellationToken = default)
    {
        var chunks = await LoadVectorsAsync(cancellationToken);
        if (chunks.Length == 0 || string.IsNullOrWhiteSpace(text))
        {
            return (0, 0);
        }

        var query = embedder().Embed(text);
        var scores = chunks.Select(chunk => Cosine(query, chunk)).ToArray();
        return (scores.Max(), scores.Average());
    }

    public string Model => ModelName;

    public async Task<IReadOnlyList<double>?> BestSimilaritiesAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var chunks = await LoadVectorsAsync(cancellationToken);
        if (chunks.Length == 0)
        {
            return null;
        }

        var queries = texts.Count == 0 ? [] : embedder().EmbedBatch(texts);
        return [.. queries.Select(query => chunks.Max(chunk => Cosine(query, chunk)))];
    }

    public static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of different lengths ({a.Length}, {b.Length}) are not comparable.");
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>Paragraphs (blank-line separated, Markdown headings dropped) packed into chunks of about 500 characters.</summary>
    public static IReadOnlyList<ProfileChunk> Chunk(string text, int target = TargetChunkLength)
    {
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p
                .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(line => !line.StartsWith('#'))))
            .Where(p => p.Length > 0);
        var chunks = new List<ProfileChunk>();
        var current = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            if (current.Length > 0 && current.Length + 1 + paragraph.Length > target)
            {
                chunks.Add(new ProfileChunk(chunks.Count, current.ToString()));
                current.Clear();
            }

            if (paragraph.Length > target)
            {
                // A long paragraph stands alone, cut at sentence ends near the target.
                foreach (var piece in SplitLong(paragraph, target))
                {
                    chunks.Add(new ProfileChunk(chunks.Count, piece));
                }

                continue;
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(paragraph);
        }

        if (current.Length > 0)
        {
            chunks.Add(new ProfileChunk(chunks.Count, current.ToString()));
        }

        return chunks;
    }

    private static IEnumerable<string> SplitLong(string paragraph, int target)
    {
        var current = new StringBuilder();
        foreach (var sentence in paragraph.Split(". ", StringSplitOptions.RemoveEmptyEntries))
        {
            var piece = sentence.EndsWith('.') ? sentence : sentence + ".";
            if (current.Length > 0 && current.Length + 1 + piece.Length > target)
            {
                yield return current.ToString();
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(piece);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private async Task<long> CountCurrentAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        return await ProfileEmbeddingRows.CountAsync(transaction, ModelName, TextHash, cancellationToken);
    }

    private async Task<float[][]> LoadVectorsAsync(CancellationToken cancellationToken)
    {
        if (vectors is { } loaded)
        {
            return loaded;
        }

        // Two concurrent first calls may both read the rows: harmless, and cheaper than a lock.
        float[][] result;
        await using (var transaction = await database.BeginForSystemAsync(cancellationToken))
        {
            result = [.. (await ProfileEmbeddingRows.VectorsAsync(transaction, ModelName, cancellationToken)).Select(row => row.Embedding)];
        }

        if (result.Length > 0)
        {
            vectors = result; // not cached while empty: the initializer may still be writing them
        }

        return result;
    }

    private static string ReadEmbeddedProfile()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>Writes the profile embeddings at start-up (after the migrations), in the background; a failure is logged, not fatal.</summary>
internal sealed class ProfileEmbeddingInitializer(ProfileEmbeddings embeddings, ILogger<ProfileEmbeddingInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await embeddings.EnsureAsync(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "The agency profile embeddings could not be written; profile similarity stays 0 until the next start");
        }
    }
}
