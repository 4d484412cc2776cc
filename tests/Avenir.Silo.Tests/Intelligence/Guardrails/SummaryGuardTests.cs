using Avenir.Silo.Intelligence.Guardrails;

namespace Avenir.Silo.Tests.Intelligence.Guardrails;

/// <summary>The summary guardrails: at most 200 characters of plain text, and no number, link, address or name the message does not have.</summary>
public sealed class SummaryGuardTests
{
    private const string Message =
        "Hi, could you send me a quote to repaint our 3-bedroom house in Gatineau? We need it done before June 15. Thanks, Mark Taylor";

    [Theory]
    [InlineData("Mark Taylor wants a quote to repaint a 3-bedroom house in Gatineau before June 15.")]
    [InlineData("Wants a quote to repaint a 3-bedroom house before June 15.")]
    [InlineData("“Quote for repainting a 3-bedroom house in Gatineau, needed before June 15.”")]
    public void A_summary_made_of_the_messages_facts_passes(string summary)
    {
        var verdict = SummaryGuard.Check(summary, Message, "Mark Taylor");

        Assert.True(verdict.Passed, verdict.Reason);
        Assert.DoesNotContain('“', verdict.Text);
    }

    [Theory]
    [InlineData("Mark Taylor wants a quote to repaint a 4-bedroom house before June 15.", "number 4")]
    [InlineData("Mark Taylor wants a quote to repaint a 3-bedroom house in Ottawa before June 15.", "name Ottawa")]
    [InlineData("Wants a quote for a 3-bedroom house before July 15.", "name July")]
    [InlineData("Wants a quote (budget 5,000) for a 3-bedroom house before June 15.", "number 5000")]
    public void A_summary_with_a_fact_the_message_does_not_have_is_refused(string summary, string detail)
    {
        var verdict = SummaryGuard.Check(summary, Message, "Mark Taylor");

        Assert.False(verdict.Passed);
        Assert.Contains(verdict.Violations, v => v.Code == GuardCodes.InventedFact && v.Detail == detail);
    }

    [Fact]
    public void A_french_summary_is_checked_against_a_french_message()
    {
        const string french = "Bonjour, est-ce que je pourrais prendre un rendez-vous samedi à Laval pour un nettoyage? Merci! Julie";

        Assert.True(SummaryGuard.Check("Julie souhaite un rendez-vous samedi à Laval pour un nettoyage.", french).Passed);
        Assert.Contains(GuardCodes.InventedFact, SummaryGuard.Check("Julie souhaite un rendez-vous samedi à Montréal pour un nettoyage.", french).Codes);
    }

    [Fact]
    public void Long_json_or_markup_summaries_are_refused()
    {
        Assert.Contains(GuardCodes.TooLong, SummaryGuard.Check(string.Concat(Enumerable.Repeat("Wants a quote to repaint a house. ", 8)), Message).Codes);
        Assert.Contains(GuardCodes.Markup, SummaryGuard.Check("{\"summary\": \"Wants a quote\"}", Message).Codes);
        Assert.Contains(GuardCodes.Markup, SummaryGuard.Check("<b>Wants a quote</b> to repaint a house.", Message).Codes);
        Assert.Contains(GuardCodes.Empty, SummaryGuard.Check("", Message).Codes);
    }

    [Theory]
    [InlineData("Wants a quote for a 3-bedroom house; see https://evil.example.com before June 15.", "link https://evil.example.com")]
    [InlineData("Wants a quote; details at https://paint.example.ca/form before June 15.", "link https://paint.example.ca/form")]
    public void A_summary_with_a_link_is_refused_even_when_the_message_has_it(string summary, string detail)
    {
        var verdict = SummaryGuard.Check(summary, Message + " Details: https://paint.example.ca/form", "Mark Taylor");

        Assert.False(verdict.Passed);
        Assert.Contains(verdict.Violations, v => v.Code == GuardCodes.ForeignLink && v.Detail == detail);
    }
}
