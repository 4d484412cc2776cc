using System.Text.RegularExpressions;
using Avenir.Infrastructure.Text;

namespace Avenir.Silo.Prospects.FormTesting.Tone;

/// <summary>
/// The strong, readable signals of an answer: headers and senders of automatic mail, bounces, ticket numbers,
/// template phrases, use of the inquirer's name, overlap with the question, language, delay, a next step. The tone
/// model reads them next to the sentence embedding; the form-test score reads a few of them directly.
/// </summary>
public sealed partial record AutoresponderCues
{
    private static readonly string[] TemplatePhrases =
    [
        "we have received", "has been received", "we received your", "we got your", "received your message", "thank you for contacting",
        "thanks for contacting",
        "automated", "automatic", "do not reply", "please do not reply", "not monitored", "business days", "as soon as possible", "shortly", "in the meantime",
        "out of the office", "out of office", "limited access", "your request has been", "a member of our team", "one of our team", "will be in touch",
        "we value",
        "avons bien recu", "bien ete envoye", "a ete recue", "a ete transmise", "a ete enregistree", "accusons reception", "automatique", "ne pas repondre",
        "ne pas y repondre",
        "jours ouvrables", "plus brefs delais", "meilleurs delais", "sous peu", "absent du bureau", "acces limite", "n'est pas surveillee",
        "un membre de notre equipe",
        "ordre de reception", "merci de votre interet", "merci pour votre interet", "heures d'ouverture", "office hours",
    ];

    private static readonly string[] BounceWords =
    [
        "undeliverable", "delivery has failed", "could not be delivered", "couldn't be delivered", "wasn't delivered", "delivery status notification",
        "mail delivery failed",
        "permanent error", "address not found", "mailbox unavailable", "returned mail", "non remis", "n'a pas pu etre remis", "n'a pas pu etre livre",
        "echec de la remise", "non-remise",
    ];

    private static readonly string[] MarketingWords =
    [
        "unsubscribe", "desabonner", "desinscrire", "newsletter", "infolettre", "promo", "% off", "rabais", "webinar", "offer expires", "subscription",
        "abonnement", "inscription a notre",
        "mailing list", "liste d'envoi", "shop now", "exclusive", "exclusives",
    ];

    private static readonly string[] TeamSignoffs =
        ["the team", "team ", "l'equipe", "equipe", "the management", "customer care", "service a la clientele", "service des ventes"];

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "bonjour", "hello", "avez", "vous", "your", "with", "have", "pour", "dans", "mais", "this", "that", "from", "what", "when", "need", "would", "could",
        "like", "voudrais",
        "aimerais", "faites", "offrez", "pouvez", "est-ce", "quel", "quels", "quelle", "combien", "there", "about", "pour", "votre", "notre", "chez", "avec",
        "sont", "looking",
    };

    /// <summary>Auto-Submitted (not "no"), X-Autoreply/X-Autorespond, Precedence auto_reply/bulk/junk or X-Auto-Response-Suppress.</summary>
    public bool AutomaticHeader { get; init; }

    /// <summary>A mailing list (List-Unsubscribe, Precedence: bulk) or marketing words.</summary>
    public bool Marketing { get; init; }

    /// <summary>A no-reply, form-service or notification sender.</summary>
    public bool NoReplySender { get; init; }

    /// <summary>A delivery failure (mailer-daemon, postmaster, multipart/report, bounce wording).</summary>
    public bool Bounce { get; init; }

    /// <summary>A ticket, case or reference number.</summary>
    public bool TicketNumber { get; init; }

    /// <summary>Template phrases found (e.g. "we have received", "jours ouvrables").</summary>
    public int TemplatePhraseCount { get; init; }

    /// <summary>The inquirer's first name appears in the answer.</summary>
    public bool UsesName { get; init; }

    /// <summary>Share of the question's content words that the answer repeats (0–1).</summary>
    public double QuestionOverlap { get; init; }

    /// <summary>The answer quotes the submitted message itself (a form's copy, not an answer).</summary>
    public bool CopiesSubmission { get; init; }

    /// <summary>The answer's language, when it can be told.</summary>
    public string? Language { get; init; }

    /// <summary>Whether the answer is in the inquiry's language (null when unknown).</summary>
    public bool? LanguageMatches { get; init; }

    /// <summary>Minutes from submission to the answer.</summary>
    public double? Minutes { get; init; }

    /// <summary>Characters of body text.</summary>
    public int Length { get; init; }

    /// <summary>A booking link (Calendly, Jane, Acuity, /book, /rendez-vous…).</summary>
    public bool BookingLink { get; init; }

    /// <summary>Concrete specifics: a price, a time of day or a date.</summary>
    public bool Specifics { get; init; }

    /// <summary>Proposes a call or gives a phone number.</summary>
    public bool CallOrPhone { get; init; }

    /// <summary>Question marks in the answer (people ask back).</summary>
    public int Questions { get; init; }

    /// <summary>Signed by "the team", a department or the management rather than a person.</summary>
    public bool TeamSignoff { get; init; }

    /// <summary>A short last line that reads as a person's name (a signature).</summary>
    public bool PersonSignature { get; init; }

    /// <summary>Reads the cues of <paramref name="email"/>.</summary>
    public static AutoresponderCues Of(AutoresponderEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var body = email.Body ?? string.Empty;
        var subject = email.Subject ?? string.Empty;
        var text = Flat(subject + "\n" + body);
        var from = (email.From ?? string.Empty).ToLowerInvariant();
        var autoSubmitted = email.Header("Auto-Submitted");
        var precedence = email.Header("Precedence")?.Trim().ToLowerInvariant();
        var contentType = email.Header("Content-Type")?.ToLowerInvariant() ?? string.Empty;
        var submitted = email.Submitted;
        var firstName = submitted?.Name?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var language = TextLanguage.Guess(subject + "\n" + body);
        var wanted = submitted?.Language?.Trim().ToLowerInvariant();
        return new AutoresponderCues
        {
            AutomaticHeader = (autoSubmitted is not null && !autoSubmitted.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
                              || email.Header("X-Autoreply") is not null || email.Header("X-Autorespond") is not null
                              || email.Header("X-Auto-Response-Suppress") is not null || precedence is "auto_reply" or "bulk" or "junk",
            Marketing = email.Header("List-Unsubscribe") is not null || precedence == "bulk"
                        || MarketingWords.Any(w => text.Contains(w, StringComparison.Ordinal)),
            NoReplySender = NoReply().IsMatch(from),
            Bounce = contentType.Contains("multipart/report", StringComparison.Ordinal) || Daemon().IsMatch(from)
                     || BounceWords.Any(w => text.Contains(w, StringComparison.Ordinal)),
            TicketNumber = Ticket().IsMatch(subject + "\n" + body),
            TemplatePhraseCount = TemplatePhrases.Count(p => text.Contains(p, StringComparison.Ordinal)),
            UsesName = firstName is { Length: > 1 } && Regex.IsMatch(Flat(body), @"\b" + Regex.Escape(Flat(firstName)) + @"\b", RegexOptions.CultureInvariant),
            QuestionOverlap = Overlap(submitted?.Message, subject + "\n" + body),
            CopiesSubmission = submitted?.Message is { Length: > 15 } message && Flat(body).Contains(Flat(message), StringComparison.Ordinal),
            Language = language,
            LanguageMatches = language is null || wanted is null ? null : language == wanted,
            Minutes = email.MinutesAfterSubmit,
            Length = body.Trim().Length,
            BookingLink = Booking().IsMatch(body),
            Specifics = Specific().IsMatch(body),
            CallOrPhone = Phone().IsMatch(body) || CallWords().IsMatch(Flat(body)),
            Questions = body.Count(c => c == '?'),
            TeamSignoff = LastLines(body).Any(line => TeamSignoffs.Any(t => Flat(line).Contains(t, StringComparison.Ordinal))),
            PersonSignature = LastLines(body).Any(IsPersonName),
        };
    }

    /// <summary>The cues as model inputs, each scaled to about 0–1.</summary>
    public float[] ToFeatures() =>
    [
        AutomaticHeader ? 1 : 0,
        Marketing ? 1 : 0,
        NoReplySender ? 1 : 0,
        Bounce ? 1 : 0,
        TicketNumber ? 1 : 0,
        Math.Min(TemplatePhraseCount, 4) / 4f,
        UsesName ? 1 : 0,
        (float)Math.Min(1, QuestionOverlap * 2),
        CopiesSubmission ? 1 : 0,
        LanguageMatches is true ? 1 : 0,
        LanguageMatches is false ? 1 : 0,
        Minutes is { } m ? (float)(Math.Log(1 + Math.Max(0, m)) / Math.Log(1 + 2880)) : 0.5f,
        Minutes is < 3 ? 1 : 0,
        Minutes is > 240 ? 1 : 0,
        (float)(Math.Log(1 + Length) / Math.Log(1 + 2000)),
        Length == 0 ? 1 : 0,
        BookingLink ? 1 : 0,
        Specifics ? 1 : 0,
        CallOrPhone ? 1 : 0,
        Math.Min(Questions, 3) / 3f,
        TeamSignoff ? 1 : 0,
        PersonSignature ? 1 : 0,
    ];

    /// <summary>How many values <see cref="ToFeatures"/> returns.</summary>
    public const int FeatureCount = 22;

    /// <summary>Lower case, accents removed, apostrophes kept as ', whitespace collapsed.</summary>
    internal static string Flat(string text) =>
        TextFolding.CollapseWhitespace(TextFolding.WithoutAccents(text.Replace('’', '\'').ToLowerInvariant()));

    /// <summary>Share of the question's content words (4+ letters, not stop words) whose first 5 letters occur in the answer.</summary>
    internal static double Overlap(string? question, string answer)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return 0;
        }

        var answerStems = TextLanguage.Words(Flat(answer)).Select(Stem).ToHashSet(StringComparer.Ordinal);
        var words = TextLanguage.Words(Flat(question))
            .Where(w => w.Length >= 4 && !StopWords.Contains(w))
            .Select(Stem)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return words.Count == 0 ? 0 : words.Count(answerStems.Contains) / (double)words.Count;
    }

    private static string Stem(string word) => word.Length > 5 ? word[..5] : word;

    private static IEnumerable<string> LastLines(string body) =>
        body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).TakeLast(4);

    private static bool IsPersonName(string line)
    {
        var text = line.TrimStart('-', '—', '–', ' ');
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            text = text[..comma];
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 3 || text.Length > 32 || words.Any(w => !char.IsUpper(w[0]) || w.Any(char.IsDigit)))
        {
            return false;
        }

        var flat = Flat(text);
        return !TeamSignoffs.Any(t => flat.Contains(t.Trim(), StringComparison.Ordinal))
               && !flat.Contains("inc", StringComparison.Ordinal) && !flat.Contains("clinique", StringComparison.Ordinal)
               && words.All(w => w.Length >= 2 && w.Skip(1).All(c => char.IsLower(c) || c is '-' or '\'' or '.'));
    }

    [GeneratedRegex(
        @"no-?reply|do-?not-?reply|donotreply|ne-?pas-?repondre|nepasrepondre|notifications?@|wordpress@|form-submission@|forms?@|wix-forms|mailchimp|noreply",
        RegexOptions.CultureInvariant)]
    private static partial Regex NoReply();

    [GeneratedRegex(@"mailer-daemon|postmaster|mail delivery", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Daemon();

    [GeneratedRegex(
        @"(ticket|case|request|reference|référence|dossier|demande|suivi|ref\.?)\s*(no\.?|n°|number|numéro|num[ée]ro de référence)?"
        + @"\s*[#:]?\s*[A-Z]*-?\d[\dA-Z-]{3,}|#\s?\d{4,}|\b[A-Z]{2,5}-\d{2,4}-?\d{3,}\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Ticket();

    [GeneratedRegex(
        @"calendly|janeapp|acuityscheduling|/book|/booking|/rendez-vous|/rdv|/reserv|book online|book directly|book it here"
        + @"|réserver|reserver en ligne|prendre rendez-vous|choisir un moment|pick a time",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Booking();

    [GeneratedRegex(
        @"\d[\d\s ]*\$|\$\s?\d|\b\d{1,2}\s?h(\s?\d{2})?\b|\b\d{1,2}(:\d{2})?\s?(am|pm)\b"
        + @"|\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|demain)\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Specific();

    [GeneratedRegex(@"\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b(call|appeler|appelle|telephone|rappel|give me a call|give us a call|a quick call|talk)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CallWords();
}
