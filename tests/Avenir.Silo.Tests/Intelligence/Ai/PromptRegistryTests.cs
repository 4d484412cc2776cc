using Avenir.Silo.Intelligence.Prompts;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Intelligence.Ai;

public sealed class PromptRegistryTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>
{
    [Theory]
    [InlineData(PromptNames.LeadEnrichment)]
    [InlineData(PromptNames.LeadSummary)]
    [InlineData(PromptNames.AutoReply)]
    [InlineData(PromptNames.Translation)]
    public async Task Every_seeded_prompt_has_an_active_version_1_per_language(string name)
    {
        await using var harness = new AiHarness(fixture.Database.ApplicationConnectionString, new Dictionary<string, string?>());
        var selector = harness.Get<IPromptSelector>();

        var english = await selector.SelectAsync(new PromptSelectionContext(name, "en"));
        var french = await selector.SelectAsync(new PromptSelectionContext(name, "fr"));

        Assert.NotNull(english);
        Assert.NotNull(french);
        Assert.Equal(($"{name}.en.v1", 1, "en"), (english.VariantId, english.Version, english.Language));
        Assert.Equal(($"{name}.fr.v1", 1, "fr"), (french.VariantId, french.Version, french.Language));
        Assert.NotEqual(english.Text, french.Text);
    }

    [Fact]
    public async Task The_newest_active_version_wins_once_the_cache_expires()
    {
        var time = new FakeTimeProvider(TestClock.DefaultOrigin);
        await using var harness = new AiHarness(fixture.Database.ApplicationConnectionString, new Dictionary<string, string?>(), time);
        var selector = harness.Get<IPromptSelector>();
        var name = "test_prompt_" + Guid.NewGuid().ToString("N")[..8];
        await InsertAsync(name, 1, "Version one.", active: true);
        Assert.Equal(1, (await selector.SelectAsync(new PromptSelectionContext(name, "en")))!.Version);

        await InsertAsync(name, 2, "Version two.", active: true);
        await InsertAsync(name, 3, "Version three, retired.", active: false);
        Assert.Equal(1, (await selector.SelectAsync(new PromptSelectionContext(name, "en")))!.Version); // cached

        time.Advance(TimeSpan.FromMinutes(6));
        var selected = await selector.SelectAsync(new PromptSelectionContext(name, "en"));
        Assert.Equal((2, "Version two."), (selected!.Version, selected.Text));
    }

    [Fact]
    public async Task A_language_without_a_variant_gets_the_english_one()
    {
        await using var harness = new AiHarness(fixture.Database.ApplicationConnectionString, new Dictionary<string, string?>());
        var name = "test_prompt_" + Guid.NewGuid().ToString("N")[..8];
        await InsertAsync(name, 1, "English only.", active: true);

        var selected = await harness.Get<IPromptSelector>().SelectAsync(new PromptSelectionContext(name, "fr"));

        Assert.Equal("en", selected!.Language);
    }

    [Fact]
    public void Placeholders_are_rendered_with_semantic_kernel_syntax()
    {
        var variant = new PromptVariant(Guid.NewGuid(), "x", "x.en.v1", 1, "en", "Pick one of: {{$intents}}. Keep {{$unknown}}.");

        Assert.Equal("Pick one of: a, b. Keep {{$unknown}}.", variant.Render(new Dictionary<string, string> { ["intents"] = "a, b" }));
    }

    private Task InsertAsync(string name, int version, string text, bool active) =>
        fixture.ScalarAsync(
            "INSERT INTO prompt_registry (prompt_name, variant_version, variant_id, language, prompt_text, is_active) VALUES ($1, $2, $3, 'en', $4, $5)",
            name, version, $"{name}.en.v{version}", text, active);
}
