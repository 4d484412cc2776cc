namespace Avenir.Silo.Prospects.FormTesting.Submission;

/// <summary>
/// Writes the test inquiry in the site's language. It is honest and self-identifying: it says it comes from the
/// agency (and Avenir, its platform), that it is a test of how the contact form answers, that no reply is needed,
/// and how to ask not to be tested again. It asks one simple, real question so that a personalised answer is
/// possible and can be recognised.
/// </summary>
public sealed class InquiryComposer(FormTestOptions options)
{
    /// <summary>The inquiry of test <paramref name="testId"/> for a site in <paramref name="language"/>.</summary>
    public Inquiry Compose(string testId, string language, string? prospectName = null)
    {
        var french = string.Equals(language, "fr", StringComparison.OrdinalIgnoreCase);
        var address = ReplyAddress.For(options.Mailbox.Address, testId);
        var agency = options.AgencyName;
        var business = string.IsNullOrWhiteSpace(prospectName) ? null : prospectName.Trim();
        var question = french ? "Quel est votre délai habituel pour rappeler un nouveau client?" : "How soon do you usually call a new customer back?";
        var subject = french ? $"Question sur vos disponibilités ({agency})" : $"Question about your availability ({agency})";
        var message = french
            ? $"Bonjour{(business is null ? string.Empty : " à l'équipe de " + business)},\n\n"
              + $"Je m'appelle {options.SenderName} et j'écris de la part de {agency}, une agence qui aide les petites entreprises du Québec à répondre "
              + "plus vite à leurs clients (plateforme Avenir). Nous faisons un court essai de votre formulaire de contact pour voir comment et en combien "
              + "de temps il répond — ce message n'est pas une demande de service.\n\n"
              + $"Ma question : {question}\n\n"
              + "Aucune réponse n'est nécessaire. Si vous préférez que nous ne testions plus votre site, répondez simplement « STOP ». "
              + $"Détails : {options.ContactUrl}\n\n"
              + "Merci et bonne journée,\n"
              + $"{options.SenderName}, {agency}"
            : $"Hello{(business is null ? string.Empty : " " + business + " team")},\n\n"
              + $"My name is {options.SenderName} and I am writing on behalf of {agency}, an agency that helps small Canadian businesses answer their "
              + "customers faster (the Avenir platform). We are running a short test of your contact form to see how and how quickly it answers — this "
              + "message is not a request for service.\n\n"
              + $"My question: {question}\n\n"
              + $"No reply is needed. If you would rather we did not test your site again, just reply \"STOP\". Details: {options.ContactUrl}\n\n"
              + "Thank you, and have a good day,\n"
              + $"{options.SenderName}, {agency}";
        return new Inquiry(
            ReplyAddress.Tag(testId), french ? "fr" : "en", options.SenderName, address, options.SenderPhone, agency, subject,
            message.ReplaceLineEndings("\n"), question);
    }
}
