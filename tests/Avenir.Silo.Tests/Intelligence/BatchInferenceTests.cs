using System.Text.Json;
using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Tests.Intelligence;

/// <summary>
/// The batch path gives each lead what it gets alone: with several texts in one encoder run (an embedder that batches,
/// runs of 4 so that the last run is short) and with the shipped default.
/// </summary>
[Collection(EnrichmentEngineCollection.Name)]
public sealed class BatchInferenceTests(EnrichmentEngineFixture fixture) : IDisposable
{
    private readonly MiniLmSentenceEmbedder _batching = new(textsPerRun: 4);

    /// <summary>Short and long texts mixed, so that the short ones are padded to the long ones' length in a run.</summary>
    private static readonly string[] Messages =
    [
        "Hi",
        "Bonjour, j'aimerais savoir si vous faites l'entretien de thermopompes à Sherbrooke. Merci!",
        string.Join(' ', Enumerable.Repeat("Our office needs a quote for cleaning twelve rooms every week, including the kitchen and the stairs.", 8)),
        "",
        "   ",
        "<p>Can I <b>book</b> a visit on Saturday morning?</p>",
        "Hola, quisiera una cita para una limpieza dental la próxima semana, por favor.",
        "URGENT!!! water everywhere in the basement, call me now 514-555-0199",
        "Nous voulons un devis pour la rénovation de notre cuisine, avant l'été si possible.",
        "ok",
        "Is the clinic open on Sundays? My daughter has a toothache since yesterday evening and it is getting worse.",
    ];

    [Fact]
    public void A_text_embeds_the_same_alone_and_in_a_batch()
    {
        var embedder = _batching;

        var batch = embedder.EmbedBatch(Messages);

        Assert.Equal(Messages.Length, batch.Length);
        for (var i = 0; i < Messages.Length; i++)
        {
            var alone = embedder.Embed(Messages[i]);
            Assert.Equal(alone.Length, batch[i].Length);
            var largest = alone.Zip(batch[i], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(largest < 1e-5f, $"text {i}: embeddings differ by up to {largest}");
        }
    }

    [Fact]
    public async Task A_batch_of_leads_is_enriched_exactly_as_each_lead_alone()
    {
        var requests = Messages.Select((message, i) => new LeadEnrichmentRequest(
            message, i % 2 == 0 ? "Sam Rivera" : null, i % 3 == 0 ? "sam@riveraco.ca" : null, i % 4 == 0 ? "Rivera & Co" : null, null,
            i % 5 == 0 ? "fr" : null)).ToList();

        using var batching = new LocalEnrichmentEngine(
            EnrichmentModelFile.Load(EnrichmentModelFile.DefaultPath), _batching, new LanguageDetector(), ownsEmbedder: false);

        foreach (var engine in new[] { batching, fixture.Engine })
        {
            var batch = await engine.EnrichBatchAsync(requests);

            Assert.Equal(requests.Count, batch.Count);
            for (var i = 0; i < requests.Count; i++)
            {
                var alone = await fixture.Engine.EnrichAsync(requests[i]);
                Assert.Equal(JsonSerializer.Serialize(alone), JsonSerializer.Serialize(batch[i]));
            }
        }
    }

    [Fact]
    public async Task The_default_batch_of_an_engine_without_one_answers_each_request_with_its_single_call()
    {
        ILeadEnrichmentEngine engine = new EchoEngine();

        var results = await engine.EnrichBatchAsync([new("first"), new("second"), new("third")]);

        Assert.Equal(["first", "second", "third"], results.Select(result => result.Summary));
    }

    private sealed class EchoEngine : ILeadEnrichmentEngine
    {
        public string ModelName => "echo";

        public Task<LeadEnrichmentResult> EnrichAsync(LeadEnrichmentRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new LeadEnrichmentResult("en", "general_inquiry", "Professional", "Low", 0, request.Message, ModelName));
    }

    public void Dispose() => _batching.Dispose();
}
