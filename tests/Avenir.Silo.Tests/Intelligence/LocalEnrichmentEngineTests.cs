using Avenir.Silo.Intelligence;
using Avenir.Silo.Intelligence.Local;
using Microsoft.Extensions.DependencyInjection;

namespace Avenir.Silo.Tests.Intelligence;

[Collection(EnrichmentEngineCollection.Name)]
public sealed class LocalEnrichmentEngineTests(EnrichmentEngineFixture fixture)
{
    private readonly LocalEnrichmentEngine _engine = fixture.Engine;

    private Task<LeadEnrichmentResult> Enrich(string message, string? email = null, string? declaredLanguage = null) =>
        _engine.EnrichAsync(new LeadEnrichmentRequest(message, Email: email, DeclaredLanguage: declaredLanguage));

    [Fact]
    public async Task French_message_is_detected_as_french()
    {
        var result = await Enrich("Bonjour, j'aimerais savoir si vous faites l'entretien de thermopompes à Sherbrooke. Merci!");

        Assert.Equal("fr", result.Language);
    }

    [Fact]
    public async Task English_message_is_detected_as_english()
    {
        var result = await Enrich("Hi, do you service heat pumps in Moncton? Thanks!");

        Assert.Equal("en", result.Language);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ok")]
    [InlineData("🙂🙂🙂")]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("Hola, quisiera saber cuánto cuesta una limpieza dental para dos niños.")]
    [InlineData("Guten Tag, ich hätte gerne ein Angebot für eine neue Dachrinne.")]
    [InlineData("Hi, could I book a cleaning next Tuesday afternoon?")]
    [InlineData("Bonjour, mon site web affiche une erreur 500 depuis ce matin, pouvez-vous regarder?")]
    public async Task Confidence_is_between_zero_and_one(string message)
    {
        var result = await Enrich(message);

        Assert.InRange(result.Confidence, 0.0, 1.0);
        Assert.All(result.FieldConfidences.Values, value => Assert.InRange(value, 0.0, 1.0));
        Assert.All(result.TopIntents.Values, value => Assert.InRange(value, 0.0, 1.0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("🙂🙂🙂 🎉")]
    [InlineData("<div><br></div>")]
    [InlineData("Bonjour, pourriez-vous me faire une soumission pour repeindre trois chambres? Nous voudrions faire les travaux en juin.")]
    public async Task Labels_are_always_from_the_label_set(string message)
    {
        var result = await Enrich(message);

        Assert.True(EnrichmentLabels.IsLanguage(result.Language));
        Assert.True(EnrichmentLabels.IsIntent(result.Intent));
        Assert.True(EnrichmentLabels.IsUrgency(result.Urgency));
        Assert.True(EnrichmentLabels.IsTone(result.Tone));
    }

    [Fact]
    public async Task Summary_is_taken_from_the_message()
    {
        const string message = "Hello there! I hope you are well. Our office printer fleet is 9 years old and we want to replace all 14 machines "
            + "with a leasing contract before the end of the fiscal year. We are in Laval and have two floors. Could you tell us whether "
            + "you handle leases of that size? Thanks a lot, Marie";

        var result = await Enrich(message);

        Assert.False(string.IsNullOrWhiteSpace(result.Summary));
        Assert.InRange(result.Summary.Length, 1, 200);
        Assert.Contains(result.Summary, message, StringComparison.Ordinal);
        Assert.NotEqual("Hello there!", result.Summary);
    }

    [Fact]
    public async Task Summary_of_an_html_message_has_no_tags()
    {
        var result = await Enrich("<p>Hello,</p><p>Please send me a <b>quote</b> for 500 flyers.</p><script>steal()</script>");

        Assert.DoesNotContain("<", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("steal", result.Summary, StringComparison.Ordinal);
        Assert.Contains("quote", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_message_gets_a_low_confidence_result()
    {
        var result = await Enrich(string.Empty);

        Assert.True(result.Confidence < 0.2, $"confidence {result.Confidence}");
        Assert.Equal(string.Empty, result.Summary);
    }

    [Fact]
    public async Task Emoji_only_message_gets_a_low_confidence_result()
    {
        var result = await Enrich("🙏🙏🔥🔥💯");

        Assert.True(result.Confidence < 0.2, $"confidence {result.Confidence}");
    }

    [Fact]
    public async Task Spanish_message_gets_a_lower_confidence_than_a_clear_english_one()
    {
        var spanish = await Enrich("Hola, necesito una cotización para cambiar el techo de mi casa lo antes posible. Gracias.");
        var english = await Enrich("Hi, I need a quote to replace the roof on my house as soon as possible. Thanks.");

        Assert.True(spanish.Confidence < english.Confidence, $"spanish {spanish.Confidence}, english {english.Confidence}");
    }

    [Fact]
    public async Task Twenty_thousand_character_message_is_enriched()
    {
        var sentence = "We would like a quote for weekly cleaning of our 3,000 square foot office in Ottawa. ";
        var message = string.Concat(Enumerable.Repeat(sentence, 20_000 / sentence.Length + 1))[..20_000];

        var result = await Enrich(message);

        Assert.True(EnrichmentLabels.IsIntent(result.Intent));
        Assert.InRange(result.Summary.Length, 1, 200);
        Assert.InRange(result.Confidence, 0.0, 1.0);
    }

    [Fact]
    public async Task Model_name_is_recorded_with_every_prediction()
    {
        var result = await Enrich("Hi, what are your opening hours on Saturday?");

        Assert.Equal(_engine.ModelName, result.Model);
        Assert.StartsWith(EnrichmentModel.Family + "/", result.Model, StringComparison.Ordinal);
        Assert.Contains("minilm", result.Model, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declared_language_is_used_when_the_message_has_no_words()
    {
        var result = await Enrich("👍", declaredLanguage: "fr");

        Assert.Equal("fr", result.Language);
    }

    [Fact]
    public async Task Message_with_english_and_french_paragraphs_is_flagged_as_mixed()
    {
        var mixed = await Enrich(
            "Hello, we are a bakery in Gatineau and we would like a quote for a new website with online ordering. "
            + "Bonjour, nous sommes une boulangerie à Gatineau et nous voulons un nouveau site web avec commandes en ligne.");
        var plain = await Enrich(
            "Hello, we are a bakery in Gatineau and we would like a quote for a new website with online ordering. We hope to launch it in the spring.");

        Assert.True(mixed.IsMixedLanguage);
        Assert.False(plain.IsMixedLanguage);
    }

    [Fact]
    public async Task Crypto_scam_is_classified_as_spam_with_low_urgency()
    {
        var result = await Enrich(
            "🚀 Double your Bitcoin in 48 hours with our AI trading robot!!! Guaranteed returns, only 10 spots left: https://btc-double-now.test",
            email: "vip@btc-double-now.test");

        Assert.Equal("spam", result.Intent);
        Assert.Equal("Low", result.Urgency);
    }

    [Fact]
    public async Task Outage_reported_by_a_customer_is_an_urgent_support_request()
    {
        var result = await Enrich(
            "Our online store has been down since 8am and customers can't check out. We host with you, account #4471. "
            + "Please fix this today, we are losing sales.");

        Assert.Equal("support_request", result.Intent);
        Assert.Equal("High", result.Urgency);
    }

    [Fact]
    public async Task French_demo_request_is_recognised()
    {
        var result = await Enrich(
            "Bonjour, serait-il possible d'avoir une démo de votre logiciel de paie pour notre PME de 40 employés? Le mois prochain idéalement.");

        Assert.Equal("demo_request", result.Intent);
    }

    [Fact]
    public async Task Concurrent_enrichment_gives_the_same_results_as_one_at_a_time()
    {
        string[] messages =
        [
            "Hi, do you have a table for two tonight?",
            "Bonjour, combien pour une toiture de 1 500 pi²?",
            "We're hiring a marketing agency for our clinic launch in May.",
            "Salut, engagez-vous des plongeurs?",
        ];
        var sequential = new List<LeadEnrichmentResult>();
        foreach (var message in messages)
        {
            sequential.Add(await Enrich(message));
        }

        var concurrent = await Task.WhenAll(messages.Select(message => Task.Run(() => Enrich(message))));

        for (var i = 0; i < messages.Length; i++)
        {
            Assert.Equal(sequential[i].Intent, concurrent[i].Intent);
            Assert.Equal(sequential[i].Confidence, concurrent[i].Confidence, 6);
        }
    }

    [Fact]
    public void Dependency_injection_gives_one_shared_engine()
    {
        using var provider = new ServiceCollection().AddLocalEnrichment().BuildServiceProvider();

        var first = provider.GetRequiredService<ILeadEnrichmentEngine>();
        var second = provider.GetRequiredService<ILeadEnrichmentEngine>();

        Assert.Same(first, second);
        Assert.IsType<LocalEnrichmentEngine>(first);
    }
}
