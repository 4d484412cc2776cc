using Avenir.Silo.Intelligence.Translation;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace Avenir.Silo.Tests.Intelligence.Ai;

public sealed class TranslatorTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>
{
    [Theory]
    [InlineData("appointment", "en", "fr", "rendez-vous")]
    [InlineData("Quote", "en", "fr", "Soumission")]
    [InlineData("  free   ESTIMATE ", "en", "fr", "estimation gratuite")]
    [InlineData("soumission", "fr", "en", "quote")]
    [InlineData("fin de semaine", "fr", "en", "weekend")]
    public async Task Verified_terms_come_from_the_dictionary(string text, string from, string to, string expected)
    {
        await using var harness = NoLlm();

        var result = await harness.Get<ITranslator>().TranslateAsync(text, from, to);

        Assert.Equal((expected, TranslationSource.Dictionary, true, 1.0), (result.Text, result.Source, result.Translated, result.Similarity));
        Assert.Equal(to, result.Language);
    }

    [Theory]
    [InlineData("apointment", "rendez-vous")]
    [InlineData("contact-form", "formulaire de contact")]
    [InlineData("newsleter", "infolettre")]
    public async Task Near_misses_of_short_terms_match_fuzzily(string text, string expected)
    {
        await using var harness = NoLlm();

        var result = await harness.Get<ITranslator>().TranslateAsync(text, "en", "fr");

        Assert.Equal((expected, TranslationSource.Dictionary), (result.Text, result.Source));
        Assert.InRange(result.Similarity, Translator.FuzzyThreshold, 0.999);
    }

    [Theory]
    [InlineData("invoise")] // 6/7 = 0.86: too far for a seven-letter term
    [InlineData("appointments today")]
    public async Task Terms_further_than_the_threshold_do_not_match(string text)
    {
        await using var harness = NoLlm();

        var result = await harness.Get<ITranslator>().TranslateAsync(text, "en", "fr");

        Assert.Equal((text, TranslationSource.None), (result.Text, result.Source));
    }

    [Fact]
    public async Task Without_an_llm_free_text_is_returned_unchanged_and_marked_untranslated()
    {
        await using var harness = NoLlm();
        const string text = "Our plumber can come on Tuesday morning to look at the leak.";

        var result = await harness.Get<ITranslator>().TranslateAsync(text, "en", "fr", "lead_summary");

        Assert.Equal((text, "en", TranslationSource.None, false), (result.Text, result.Language, result.Source, result.Translated));
        Assert.Equal("none", result.SourceName);
    }

    [Fact]
    public async Task A_cached_translation_is_used_until_it_expires()
    {
        var time = new FakeTimeProvider(TestClock.DefaultOrigin);
        await using var harness = NoLlm(time);
        var text = $"We will call you back tomorrow ({Guid.NewGuid():N}).";
        await fixture.ScalarAsync(
            "INSERT INTO translation_cache (source_text, source_language, target_language, translated_text, expires_at) VALUES ($1, 'en', 'fr', $2, $3)",
            text, "Nous vous rappellerons demain.", time.GetUtcNow() + Translator.CacheLifetime);
        var translator = harness.Get<ITranslator>();

        var fresh = await translator.TranslateAsync(text, "en", "fr");
        time.Advance(TimeSpan.FromDays(89));
        var old = await translator.TranslateAsync(text, "en", "fr");
        time.Advance(TimeSpan.FromDays(2));
        var expired = await translator.TranslateAsync(text, "en", "fr");

        Assert.Equal(("Nous vous rappellerons demain.", TranslationSource.Cache), (fresh.Text, fresh.Source));
        Assert.Equal(TranslationSource.Cache, old.Source);
        Assert.Equal((text, TranslationSource.None, false), (expired.Text, expired.Source, expired.Translated));
    }

    [Fact]
    public async Task The_llm_translates_free_text_once_and_the_cache_answers_after()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(OpenAiResponses.ChatCompletion("gpt-translate-test", "Notre plombier peut passer mardi matin pour voir la fuite.", 120, 18)));
        await using var harness = new AiHarness(fixture.Database.ApplicationConnectionString, AiHarness.OpenAi(server.Urls[0] + "/v1", "gpt-translate-test"));
        var translator = harness.Get<ITranslator>();
        var text = $"Our plumber can come on Tuesday morning to look at the leak. #{Guid.NewGuid():N}";

        var first = await translator.TranslateAsync(text, "en", "fr", "lead_summary");
        var second = await translator.TranslateAsync(text, "en", "fr", "lead_summary");

        Assert.Equal((TranslationSource.Llm, true, "fr"), (first.Source, first.Translated, first.Language));
        Assert.Equal("Notre plombier peut passer mardi matin pour voir la fuite.", first.Text);
        Assert.Equal((first.Text, TranslationSource.Cache), (second.Text, second.Source));
        var body = Assert.Single(server.LogEntries).RequestMessage.Body!;
        Assert.Contains("Traduis le message", body, StringComparison.Ordinal); // the French-target translation prompt
        var expires = (DateTime)(await fixture.ScalarAsync("SELECT expires_at FROM translation_cache WHERE source_text = $1", text))!;
        Assert.InRange(expires - harness.Time.GetUtcNow().UtcDateTime, TimeSpan.FromDays(89), TimeSpan.FromDays(91));
    }

    private AiHarness NoLlm(FakeTimeProvider? time = null) =>
        new(fixture.Database.ApplicationConnectionString, new Dictionary<string, string?>(), time);
}
