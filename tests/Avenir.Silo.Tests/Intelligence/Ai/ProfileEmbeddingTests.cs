using Avenir.Infrastructure.Database;
using Avenir.Silo.Intelligence.Profile;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Avenir.Silo.Tests.Intelligence.Ai;

[Collection(EnrichmentEngineCollection.Name)]
public sealed class ProfileEmbeddingTests(EnrichmentEngineFixture engine)
{
    [Fact]
    public void The_profile_is_chunked_by_paragraph_into_about_500_characters()
    {
        var embeddings = Create(database: null!);

        Assert.InRange(embeddings.Chunks.Count, 4, 20);
        Assert.All(embeddings.Chunks, chunk => Assert.InRange(chunk.Text.Length, 40, 600));
        Assert.DoesNotContain(embeddings.Chunks, chunk => chunk.Text.Contains('#', StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, embeddings.Chunks.Count), embeddings.Chunks.Select(c => c.Index));
    }

    [Fact]
    public async Task The_rows_are_written_once_even_by_two_silos_starting_together()
    {
        var settings = await TestDatabase.CreateMigratedAsync();
        await using var dataSource = NpgsqlDataSource.Create(settings.ApplicationConnectionString);
        var database = new TenantDatabase(dataSource);
        var siloA = Create(database);
        var siloB = Create(database);

        var written = await Task.WhenAll(siloA.EnsureAsync(), siloB.EnsureAsync());
        var restart = await Create(database).EnsureAsync();

        Assert.Equal(siloA.Chunks.Count, written.Sum()); // one of them wrote, the other found the rows
        Assert.Equal(0, restart);
        await using var connection = new NpgsqlConnection(settings.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT embedding_model), min(dimensions), max(dimensions), count(*) FILTER (WHERE metadata->>'text_hash' = $1) "
            + "FROM avenir_profile_embeddings",
            connection)
        {
            Parameters = { new() { Value = siloA.TextHash } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((long)siloA.Chunks.Count, reader.GetInt64(0));
        Assert.Equal(1L, reader.GetInt64(1));
        Assert.Equal((384, 384), (reader.GetInt32(2), reader.GetInt32(3)));
        Assert.Equal((long)siloA.Chunks.Count, reader.GetInt64(4));
    }

    [Fact]
    public async Task A_changed_profile_replaces_the_rows_of_its_model()
    {
        var settings = await TestDatabase.CreateMigratedAsync();
        await using var dataSource = NpgsqlDataSource.Create(settings.ApplicationConnectionString);
        var database = new TenantDatabase(dataSource);
        await Create(database).EnsureAsync();

        var changed = Create(database, "We build websites.\n\nWe also host them in Canada.");
        var written = await changed.EnsureAsync();

        Assert.Equal(1, written);
        await using var connection = new NpgsqlConnection(settings.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM avenir_profile_embeddings", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_agency_like_text_is_closer_to_the_profile_than_an_unrelated_one()
    {
        var settings = await TestDatabase.CreateMigratedAsync();
        await using var dataSource = NpgsqlDataSource.Create(settings.ApplicationConnectionString);
        var embeddings = Create(new TenantDatabase(dataSource));
        Assert.Equal(0, await embeddings.SimilarityAsync("anything")); // no rows yet: 0, not an error
        await embeddings.EnsureAsync();

        var agencyLike = await embeddings.SimilaritiesAsync(
            "We help small businesses reply automatically to the leads from their website contact form, using AI, in English and French.");
        var unrelated = await embeddings.SimilaritiesAsync("Preheat the oven, then bake the bread for forty minutes until golden.");

        Assert.True(agencyLike.Max > unrelated.Max + 0.2, $"agency-like {agencyLike.Max:0.000} vs unrelated {unrelated.Max:0.000}");
        Assert.True(agencyLike.Mean > unrelated.Mean, $"means {agencyLike.Mean:0.000} vs {unrelated.Mean:0.000}");
        Assert.InRange(agencyLike.Max, 0.4, 1.0);
    }

    private ProfileEmbeddings Create(TenantDatabase database, string? text = null) =>
        new(database, () => engine.Engine.Embedder, TimeProvider.System, NullLogger<ProfileEmbeddings>.Instance, text);
}
