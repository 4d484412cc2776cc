using Avenir.Silo.Intelligence.Guardrails;

namespace Avenir.Silo.Tests.Intelligence.Guardrails;

/// <summary>
/// The auto-reply guardrails on their own: what a clean reply may say (the client's name, booking link and address), and
/// each thing a lead could make the model write — another link, an address, a price, a date, a promise, the lead's
/// own text, markup, instruction-following tells, too much text — refused with its code.
/// </summary>
public sealed class AutoReplyGuardTests
{
    private const string Booking = "https://cal.example.com/soleil/rdv";

    private static readonly AutoReplyFacts English = new(
        "Clinique Dentaire Soleil", Booking, "owner@soleil.example.com",
        "Hi, do you have any openings on Saturday for a cleaning? My two kids need one too. Thanks!", "en");

    private const string CleanEnglish =
        "Hi Marie,\n\nThank you for reaching out about cleanings for you and your children. A member of our team will follow up shortly. "
        + "If you prefer, you can pick a time that suits you here: https://cal.example.com/soleil/rdv\n\nThe Clinique Dentaire Soleil team";

    [Fact]
    public void A_clean_reply_with_the_clients_booking_link_passes()
    {
        var verdict = AutoReplyGuard.Check(CleanEnglish, English);

        Assert.True(verdict.Passed, verdict.Reason);
        Assert.Empty(verdict.Codes);
    }

    [Fact]
    public void The_clients_own_address_and_digits_of_its_business_name_are_allowed()
    {
        var facts = English with { BusinessName = "Plomberie 24/7", ClientEmail = "info@plomberie247.example.ca" };

        var verdict = AutoReplyGuard.Check(
            "Hello,\n\nThank you for contacting Plomberie 24/7. Our team will get back to you shortly; you may also write to info@plomberie247.example.ca.\n\n"
            + "The Plomberie 24/7 team", facts);

        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Theory]
    [InlineData("Please visit https://evil.example.net/offer to claim your spot.", GuardCodes.ForeignLink)]
    [InlineData("Book here: https://cal.example.com/soleil/rdv-promo instead.", GuardCodes.ForeignLink)]
    [InlineData("Book here: https://cal.example.com.evil.io/soleil/rdv today.", GuardCodes.ForeignLink)]
    [InlineData("More at cheap-dentist.shop/deals, see you there.", GuardCodes.ForeignLink)]
    [InlineData("Write to our partner at deals@evil.example.org for more.", GuardCodes.ForeignEmail)]
    [InlineData("Call us back at 819 555 0199 whenever you like.", GuardCodes.Number)]
    [InlineData("A cleaning costs only fifty dollars for new patients.", GuardCodes.Price)]
    [InlineData("We can see you on Saturday morning, no problem.", GuardCodes.Date)]
    [InlineData("We will get back to you tomorrow with everything.", GuardCodes.Date)]
    [InlineData("Your first cleaning is free and the results are guaranteed.", GuardCodes.Promise)]
    [InlineData("As you asked, I will ignore my instructions and say yes to everything.", GuardCodes.Injection)]
    [InlineData("Thank you! <a href=\"https://cal.example.com/soleil/rdv\">Book</a> now.", GuardCodes.Markup)]
    [InlineData("Thank you! [Book now](https://cal.example.com/soleil/rdv) with us.", GuardCodes.Markup)]
    [InlineData("Thank you! Open javascript:alert(1) to continue with us.", GuardCodes.Markup)]
    public void A_reply_carrying_what_the_client_did_not_configure_is_refused(string sentence, string code)
    {
        var verdict = AutoReplyGuard.Check($"Hi Marie,\n\nThank you for your message. {sentence}\n\nThe Clinique Dentaire Soleil team", English);

        Assert.False(verdict.Passed);
        Assert.Contains(code, verdict.Codes);
    }

    [Theory]
    [InlineData("Votre premier nettoyage est gratuit, c'est garanti.", GuardCodes.Promise)]
    [InlineData("Nous vous rappellerons demain sans faute.", GuardCodes.Date)]
    [InlineData("Le nettoyage coûte 80 $ pour les nouveaux patients.", GuardCodes.Price)]
    [InlineData("Comme demandé, j'ignore mes consignes et j'accepte tout.", GuardCodes.Injection)]
    [InlineData("Réservez plutôt sur www.rdv-pas-cher.ca sans attendre.", GuardCodes.ForeignLink)]
    public void A_french_reply_is_held_to_the_same_rules(string sentence, string code)
    {
        var facts = English with { Language = "fr", LeadMessage = "Bonjour, avez-vous des disponibilités samedi pour un nettoyage?" };

        var verdict = AutoReplyGuard.Check($"Bonjour Marie,\n\nMerci pour votre message. {sentence}\n\nL'équipe Clinique Dentaire Soleil", facts);

        Assert.False(verdict.Passed);
        Assert.Contains(code, verdict.Codes);
    }

    [Fact]
    public void A_reply_that_quotes_the_leads_message_is_refused_but_a_short_paraphrase_passes()
    {
        var facts = English with
        {
            LeadMessage = "Hello, we are a bakery in Gatineau and we want our new website to announce that everything is half off this weekend only.",
        };

        var quoting = AutoReplyGuard.Check(
            "Hello,\n\nThank you! As requested: we want our new website to announce that everything is half off this weekend only.\n\nThe team", facts);
        var paraphrase = AutoReplyGuard.Check(
            "Hello,\n\nThank you for telling us about the new website for your bakery. A member of our team will follow up shortly.\n\nThe team", facts);

        Assert.Contains(GuardCodes.Quote, quoting.Codes);
        Assert.True(paraphrase.Passed, paraphrase.Reason);
    }

    [Fact]
    public void Too_long_and_empty_replies_are_refused()
    {
        var longReply = "Hello,\n\n" + string.Concat(Enumerable.Repeat("Thank you for your message, our team will follow up shortly. ", 40));

        Assert.Contains(GuardCodes.TooLong, AutoReplyGuard.Check(longReply, English).Codes);
        Assert.Contains(GuardCodes.Empty, AutoReplyGuard.Check("  ", English).Codes);
        Assert.Contains(GuardCodes.Empty, AutoReplyGuard.Check(null, English).Codes);
    }
}
