using System.Text.RegularExpressions;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Guardrails;

/// <summary>
/// What the guardrails look for in a text: links, e-mail addresses, numbers, markup, prices, dates, promises and
/// text shared with another (word runs), in English and French. Deliberately broad: a false alarm costs a template
/// reply, a miss sends what a lead made the model write.
/// </summary>
public static partial class GuardText
{
    // Bare domains are recognised by common top-level domains only ("Mr.Smith" is not a link; "evil.com/x" is).
    private const string TopLevelDomains =
        "com|net|org|info|biz|io|co|ca|us|uk|fr|de|es|it|nl|be|ch|eu|ru|cn|in|br|au|me|ly|app|dev|xyz|top|site|online|shop|store|link|click|"
        + "live|pro|tv|ai|gg|to|cc|ws|quebec|qc";

    [GeneratedRegex(@"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>""'`)\]]+")]
    private static partial Regex SchemeUrl();

    [GeneratedRegex(@"(?i)(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.)+(?:" + TopLevelDomains + @")\b(?:/[^\s<>""'`)\]]*)?")]
    private static partial Regex BareDomain();

    [GeneratedRegex(@"(?i)[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?i)\b(?:javascript|data|vbscript|file):")]
    private static partial Regex DangerousScheme();

    [GeneratedRegex(@"<\s*[a-zA-Z/!?]|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|\[[^\]]*\]\([^)]*\)|\{\{|\}\}|```")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    // 2,500 / 2 500 / 2.500 → 2500, so a number is one token however it is grouped.
    [GeneratedRegex(@"(?<=\d)[,.\u00A0\u202F ](?=\d{3}\b)")]
    private static partial Regex DigitGrouping();

    [GeneratedRegex(@"(?i)[$€£¥₹]|\b(?:usd|cad|eur|gbp|dollars?|euros?|bucks|cents?|percent|pour\s*cent|pourcentage)\b|%")]
    private static partial Regex Price();

    // Month and weekday names (EN/FR; "may" and "march" are verbs too: only with a number, which the number rule
    // catches anyway) and relative dates. "Shortly" / "sous peu" are what the prompt asks for, not dates.
    [GeneratedRegex(
        @"(?i)\b(?:january|february|april|june|july|august|september|october|november|december|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|"
        + @"ao[uû]t|septembre|octobre|novembre|d[ée]cembre|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|"
        + @"vendredi|samedi|dimanche|tomorrow|tonight|today|next\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|weekend)|this\s+(?:week|weekend|"
        + @"afternoon|evening|morning)|within\s+(?:an?|one|two|three|few|24|48)\s+(?:hours?|days?|weeks?)|demain|ce\s+soir|aujourd['’]hui|"
        + @"(?:la\s+)?semaine\s+prochaine|cette\s+semaine|d['’]ici\s+(?:demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|la|ce|une?|\d)|"
        + @"dans\s+les\s+(?:prochaines?\s+)?(?:heures|jours|\d+))\b")]
    private static partial Regex Date();

    [GeneratedRegex(
        @"(?i)\b(?:guarantee[sd]?|guaranteeing|promise[sd]?|free(?!\s+to\b)|no\s+charge|at\s+no\s+cost|discount(?:s|ed)?|refund(?:s|ed)?|"
        + @"rebate|coupon|promo(?:tion)?|special\s+offer|best\s+price|lowest\s+price|half\s+price|garanti(?:e|es|s)?|garantissons|promet(?:s|tons|tez)?|"
        + @"promesse|gratuit(?:e|es|s)?|gratuitement|sans\s+frais|aucuns?\s+frais|rabais|remise|escompte|rembours(?:ement|é|er)|meilleur\s+prix|"
        + @"prix\s+imbattable|offre\s+sp[ée]ciale)\b")]
    private static partial Regex Promise();

    // A model that followed the lead's instructions tends to say so.
    [GeneratedRegex(
        @"(?i)\b(?:(?:ignor(?:e|es|ez|er|ing)|forget|disregard|oubli(?:e|es|ez|er))\s+"
        + @"(?:all\s+|your\s+|my\s+|the\s+|previous\s+|prior\s+|above\s+|tes\s+|vos\s+|mes\s+|nos\s+|les\s+|toutes?\s+|précédentes\s+)*"
        + @"(?:instructions?|consignes?|rules|r[èe]gles)|"
        + @"system\s+prompt|as\s+an\s+ai|en\s+tant\s+qu['’]ia|new\s+instructions?|nouvelles?\s+(?:instructions?|consignes?)|jailbreak|developer\s+mode)\b")]
    private static partial Regex Injection();

    public static IEnumerable<string> Links(string text) =>
        SchemeUrl().Matches(text).Select(m => TrimEnd(m.Value))
            .Concat(BareDomain().Matches(SchemeUrl().Replace(Email().Replace(text, " "), " ")).Select(m => TrimEnd(m.Value)));

    public static IEnumerable<string> Emails(string text) => Email().Matches(text).Select(m => m.Value);

    public static bool HasMarkup(string text) => Markup().IsMatch(text) || DangerousScheme().IsMatch(text) || text.Any(IsControl);

    /// <summary>Every number in the text, digit groups joined (2,500 → 2500).</summary>
    public static IEnumerable<string> Numbers(string text) =>
        Digits().Matches(DigitGrouping().Replace(text, "")).Select(m => m.Value.TrimStart('0') is { Length: > 0 } n ? n : "0");

    public static IEnumerable<string> Prices(string text) => Price().Matches(text).Select(m => m.Value);

    public static IEnumerable<string> Dates(string text) => Date().Matches(text).Select(m => m.Value);

    public static IEnumerable<string> Promises(string text) => Promise().Matches(text).Select(m => m.Value);

    public static IEnumerable<string> InjectionMarkers(string text) => Injection().Matches(text).Select(m => m.Value);

    /// <summary>Lower-case, accent-folded words (digits kept as they are), as <see cref="MessageText"/> makes them.</summary>
    public static List<string> Words(string text) =>
        [.. Regex.Split(MessageText.Fold(text), @"[^\p{L}\p{N}]+").Where(w => w.Length > 0)];

    /// <summary>The longest run of consecutive words of <paramref name="text"/> that also occurs, in order, in <paramref name="source"/>.</summary>
    public static (int Length, string Run) LongestSharedRun(IReadOnlyList<string> text, IReadOnlyList<string> source)
    {
        // Classic longest common substring over words; both sides are capped (≤ 1,200 / 3,000 words) by the callers.
        var best = 0;
        var end = 0;
        var previous = new int[source.Count + 1];
        var current = new int[source.Count + 1];
        for (var i = 1; i <= text.Count; i++)
        {
            for (var j = 1; j <= source.Count; j++)
            {
                current[j] = string.Equals(text[i - 1], source[j - 1], StringComparison.Ordinal) ? previous[j - 1] + 1 : 0;
                if (current[j] > best)
                {
                    best = current[j];
                    end = i;
                }
            }

            (previous, current) = (current, previous);
            Array.Clear(current);
        }

        return (best, string.Join(' ', text.Skip(end - best).Take(best)));
    }

    /// <summary>The share of the text's word n-grams that also occur in <paramref name="source"/> (0 when it has none).</summary>
    public static double SharedNgramShare(IReadOnlyList<string> text, IReadOnlyList<string> source, int n)
    {
        if (text.Count < n || source.Count < n)
        {
            return 0;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + n <= source.Count; i++)
        {
            known.Add(string.Join(' ', source.Skip(i).Take(n)));
        }

        var total = text.Count - n + 1;
        var shared = 0;
        for (var i = 0; i < total; i++)
        {
            shared += known.Contains(string.Join(' ', text.Skip(i).Take(n))) ? 1 : 0;
        }

        return (double)shared / total;
    }

    public static string Normalise(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    // Control characters and the bidirectional overrides that can make a link read as another.
    private static bool IsControl(char c) =>
        (char.IsControl(c) && c is not ('\n' or '\t')) || c is '\u202E' or '\u202D' or '\u2066' or '\u2067' or '\u2068';

    private static string TrimEnd(string link) => link.TrimEnd('.', ',', ';', ':', '!', '?', '»', '"', '\'');
}
