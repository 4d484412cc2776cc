using Avenir.Grains.Outreach.Consent;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>The CASL gate: no send without a basis, and each basis's own conditions.</summary>
public sealed class ConsentCheckTests
{
    private static readonly DateTimeOffset Now = TestClock.DefaultOrigin;
    private const string Address = "info@toitures-gagnon.ca";

    private static ConspicuousPublicationBasis Published(
        Action<ConspicuousPublicationBasis>? _ = null, string address = Address, bool refuses = false, int daysAgo = 10,
        string relevance = "Website redesign offer for a roofing business") => new()
    {
        EmailAddress = address,
        PageUrl = new Uri("https://toitures-gagnon.ca/nous-joindre"),
        SeenAt = Now.AddDays(-daysAgo),
        PageRefusesUnsolicitedEmail = refuses,
        BusinessRelevance = relevance,
    };

    private static ConsentDecision Check(ConsentBasis? basis, RecipientSuppression? suppression = null, string recipient = Address) =>
        ConsentCheck.Evaluate(basis, recipient, suppression ?? RecipientSuppression.None, Now);

    [Fact]
    public void Without_a_basis_sending_is_refused_and_says_why()
    {
        var decision = Check(null);

        Assert.False(decision.Allowed);
        Assert.Equal("no_consent_basis", decision.Code);
        Assert.Contains("No consent basis", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conspicuously_published_address_with_its_page_and_date_allows_sending()
    {
        var decision = Check(Published());

        Assert.True(decision.Allowed);
        Assert.Equal("conspicuous_publication", decision.Code);
        Assert.Contains("https://toitures-gagnon.ca/nous-joindre", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refuses", "publication_refuses_email")]
    [InlineData("other_address", "basis_for_other_address")]
    [InlineData("stale", "publication_stale")]
    [InlineData("future", "publication_seen_in_future")]
    [InlineData("irrelevant", "publication_not_relevant")]
    public void A_publication_basis_that_does_not_hold_is_refused(string flaw, string code)
    {
        var basis = flaw switch
        {
            "refuses" => Published(refuses: true),
            "other_address" => Published(address: "ventes@toitures-gagnon.ca"),
            "stale" => Published(daysAgo: 400),
            "future" => Published(daysAgo: -1),
            _ => Published(relevance: " "),
        };

        var decision = Check(basis);

        Assert.False(decision.Allowed);
        Assert.Equal(code, decision.Code);
    }

    [Fact]
    public void An_unsubscribe_or_the_do_not_contact_list_wins_over_any_basis()
    {
        var express = new ExpressConsentBasis
        {
            EmailAddress = Address, GivenAt = Now.AddDays(-3), Method = ExpressConsentMethod.WebForm, Evidence = "form #118: « Oui, envoyez-moi des offres »",
        };

        Assert.True(Check(express).Allowed);
        Assert.Equal("unsubscribed", Check(express, new RecipientSuppression(true, false)).Code);
        Assert.Equal("do_not_contact", Check(express, new RecipientSuppression(false, true)).Code);
        Assert.False(Check(Published(), new RecipientSuppression(true, false)).Allowed);
    }

    [Fact]
    public void Express_consent_needs_evidence_and_does_not_lapse()
    {
        var express = new ExpressConsentBasis
        {
            EmailAddress = Address, GivenAt = Now.AddYears(-5), Method = ExpressConsentMethod.Email, Evidence = "Reply of 2021-11-02: yes please",
        };

        Assert.Equal("express_consent", Check(express).Code);
        Assert.Equal("express_consent_without_evidence", Check(express with { Evidence = "" }).Code);
        Assert.Equal("express_consent_in_future", Check(express with { GivenAt = Now.AddMinutes(1) }).Code);
        Assert.True(Check(express, recipient: "INFO@Toitures-Gagnon.ca ").Allowed);
    }

    [Fact]
    public void An_existing_business_relationship_lapses_after_six_months_or_two_years()
    {
        var inquiry = new ExistingBusinessRelationshipBasis
        {
            EmailAddress = Address, Kind = BusinessRelationshipKind.Inquiry, Since = Now.AddDays(-181), Evidence = "lead 4411",
        };
        var purchase = inquiry with { Kind = BusinessRelationshipKind.PurchaseOrContract, Since = Now.AddDays(-700) };

        Assert.True(Check(inquiry).Allowed);
        Assert.Equal("relationship_lapsed", Check(inquiry with { Since = Now.AddDays(-183) }).Code);
        Assert.True(Check(purchase).Allowed);
        Assert.Equal("relationship_lapsed", Check(purchase with { Since = Now.AddDays(-731) }).Code);
    }
}
