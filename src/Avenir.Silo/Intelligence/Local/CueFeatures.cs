using System.Buffers;
using System.Text.RegularExpressions;

namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// A few explicit numeric features a linear model cannot easily build from n-grams alone:
/// counts of time-pressure phrases, prices, links, shouting, emoji, form signals. They are inputs
/// whose weights are learned, not rules that decide a label.
/// </summary>
internal static partial class CueFeatures
{
    public const int Count = 20;

    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouy");

    private static readonly SearchValues<char> PhrasePunctuation = SearchValues.Create("'-,");

    // Folded (lower case, unaccented) phrases, English and French, matched as whole words.
    private static readonly string[] TimePressure =
    [
        "today", "tonight", "asap", "urgent", "urgently", "right now", "right away", "immediately", "this morning",
        "this afternoon", "tomorrow", "deadline", "as soon as possible", "emergency", "by friday", "by monday", "by tuesday",
        "by wednesday", "by thursday", "this week", "end of day", "before noon", "within 24 hours", "losing", "down since",
        "aujourd'hui", "aujourdhui", "ce soir", "ce matin", "cet apres-midi", "demain", "urgence", "au plus vite",
        "le plus rapidement possible", "rapidement", "tout de suite", "immediatement", "des que possible", "cette semaine",
        "d'ici vendredi", "d'ici lundi", "d'ici demain", "d'ici mardi", "d'ici mercredi", "d'ici jeudi", "en priorite", "on perd",
    ];

    private static readonly string[] NoRush =
    [
        "no rush", "no hurry", "whenever", "eventually", "someday", "some day", "just curious", "not urgent", "no pressure",
        "down the road", "at some point", "just researching", "just pricing", "just looking", "no timeline", "not planning",
        "pas presse", "rien de pressant", "rien de presse", "pas de rush", "pas urgent", "eventuellement", "un jour",
        "juste pour savoir", "aucune pression", "un moment donne", "un de ces jours", "si jamais", "juste curieux", "pour plus tard",
    ];

    private static readonly string[] WeeksOrMonths =
    [
        "next week", "next month", "in the coming weeks", "next few weeks", "couple of weeks", "this spring", "this summer",
        "this fall", "this autumn", "this winter", "before the", "in the spring", "in the fall", "end of the month", "next year",
        "la semaine prochaine", "le mois prochain", "prochaines semaines", "au printemps", "cet ete", "cet automne",
        "cet hiver", "d'ici l'automne", "d'ici l'ete", "fin du mois", "l'an prochain", "d'ici la fin",
    ];

    private static readonly string[] Formal =
    [
        "dear sir or madam", "dear sir", "madam", "yours sincerely", "yours faithfully", "yours truly", "kind regards",
        "respectfully", "to whom it may concern", "i would be grateful", "i should be", "madame, monsieur", "monsieur",
        "maitre", "veuillez agreer", "je vous prie", "salutations distinguees", "sentiments distingues", "je vous saurais gre",
        "cordialement", "nous vous prions",
    ];

    private static readonly string[] Casual =
    [
        "hey", "yo", "lol", "thx", "pls", "plz", "u guys", "ur", "gonna", "wanna", "kinda", "btw", "tbh", "salut", "allo",
        "pis", "chu", "tsu", "c'est-tu", "y a-tu", "jaser", "checker", "booker", "char", "pu", "ben", "genre", "faque", "svp",
    ];

    private static readonly HashSet<string> GenericMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "example.com", "example.ca", "example.org", "gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "yahoo.ca",
        "icloud.com", "live.com", "live.ca", "videotron.ca", "sympatico.ca", "bell.net", "rogers.com", "shaw.ca", "telus.net",
        "msn.com", "me.com", "protonmail.com", "proton.me", "hotmail.ca", "outlook.fr", "gmail.ca",
    };

    public static float[] Compute(PreparedLead lead)
    {
        var cues = new float[Count];
        var message = lead.CleanMessage;
        var padded = " " + string.Join(' ', lead.Words) + " ";
        var folded = " " + lead.FoldedMessage + " ";
        var letters = 0;
        var upper = 0;
        var exclamations = 0;
        var questions = 0;
        var emoji = 0;
        foreach (var rune in message.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                letters++;
                if (Rune.IsUpper(rune))
                {
                    upper++;
                }
            }
            else if (rune.Value == '!')
            {
                exclamations++;
            }
            else if (rune.Value == '?')
            {
                questions++;
            }
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol)
            {
                emoji++;
            }
        }

        cues[0] = (float)(Math.Log(1 + message.Length) / 8.0);
        cues[1] = Math.Min(exclamations, 5) / 5f;
        cues[2] = Math.Min(questions, 4) / 4f;
        cues[3] = letters >= 15 ? (float)upper / letters : 0f;
        cues[4] = Math.Min(Url().Count(message), 3) / 3f;
        cues[5] = Money().IsMatch(message) ? 1f : 0f;
        cues[6] = PhoneNumber().IsMatch(message) ? 1f : 0f;
        cues[7] = Math.Min(emoji, 5) / 5f;
        cues[8] = Math.Min(CountPhrases(folded, padded, TimePressure), 3) / 3f;
        cues[9] = Math.Min(CountPhrases(folded, padded, NoRush), 2) / 2f;
        cues[10] = Math.Min(CountPhrases(folded, padded, WeeksOrMonths), 2) / 2f;
        cues[11] = lead.Company is null ? 0f : 1f;
        var domain = EmailDomain(lead.Email);
        cues[12] = domain is null ? 0f : GenericMailDomains.Contains(domain) ? 1f : 0f;
        cues[13] = domain is not null && !GenericMailDomains.Contains(domain) ? 1f : 0f;
        cues[14] = lead.Phone is null ? 0f : 1f;
        cues[15] = GibberishShare(lead.Words);
        cues[16] = (float)(Math.Log(1 + lead.Words.Count) / 6.0);
        cues[17] = Math.Min(CountPhrases(folded, padded, Formal), 3) / 3f;
        cues[18] = Math.Min(CountPhrases(folded, padded, Casual), 3) / 3f;
        cues[19] = message.Length == 0 ? 1f : 0f;
        return cues;
    }

    /// <summary>The lower-case domain of an e-mail address, or null.</summary>
    public static string? EmailDomain(string? email)
    {
        if (email is null)
        {
            return null;
        }

        var at = email.LastIndexOf('@');
        return at < 0 || at == email.Length - 1 ? null : email[(at + 1)..].Trim().ToLowerInvariant();
    }

    /// <summary>True for domains of free mail providers and the example domains of the data set.</summary>
    public static bool IsGenericMailDomain(string domain) => GenericMailDomains.Contains(domain);

    private static int CountPhrases(string folded, string paddedWords, string[] phrases)
    {
        var count = 0;
        foreach (var phrase in phrases)
        {
            // Phrases with punctuation are looked up in the folded text, plain ones among whole words.
            var haystack = phrase.AsSpan().IndexOfAny(PhrasePunctuation) >= 0 ? folded : paddedWords;
            if (haystack.Contains(" " + phrase + " ", StringComparison.Ordinal)
                || (haystack == folded && haystack.Contains(phrase, StringComparison.Ordinal)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Share of words that look like keyboard mashing: no vowel, or one letter repeated.</summary>
    private static float GibberishShare(IReadOnlyList<string> words)
    {
        var considered = 0;
        var gibberish = 0;
        foreach (var word in words)
        {
            if (word.Length < 3 || word[0] == '0')
            {
                continue;
            }

            considered++;
            var hasVowel = word.AsSpan().IndexOfAny(Vowels) >= 0;
            var distinct = word.Distinct().Count();
            if (!hasVowel || distinct <= 2 || (word.Length >= 8 && distinct <= word.Length / 3))
            {
                gibberish++;
            }
        }

        return considered == 0 ? 0f : (float)gibberish / considered;
    }

    [GeneratedRegex(@"https?://|www\.", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Url();

    [GeneratedRegex(@"\$\s?\d|\d\s?\$|\d\s?(k\$|dollars?|cad|usd)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Money();

    [GeneratedRegex(@"\b\d{3}[-. ]\d{3}[-. ]\d{4}\b", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PhoneNumber();
}
