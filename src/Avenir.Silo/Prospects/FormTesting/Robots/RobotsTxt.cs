namespace Avenir.Silo.Prospects.FormTesting.Robots;

/// <summary>
/// A parsed <c>robots.txt</c> (RFC 9309, the Robots Exclusion Protocol). Groups start with one or more
/// <c>user-agent</c> lines; the crawler obeys every group naming its product token (case-insensitive), else the
/// <c>*</c> groups, else nothing. Within the rules the longest matching path wins, <c>allow</c> over
/// <c>disallow</c> on a tie; <c>*</c> matches any characters and a final <c>$</c> anchors the end.
/// <c>/robots.txt</c> itself is always allowed. <c>crawl-delay</c> (not in the RFC, but widely used) is kept.
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>RFC 9309 §2.5: crawlers parse at least the first 500 KiB.</summary>
    public const int MaxBytes = 500 * 1024;

    private readonly List<Group> _groups;

    private RobotsTxt(List<Group> groups, bool? everything)
    {
        _groups = groups;
        Everything = everything;
    }

    /// <summary>Allows everything: what a missing (4xx) robots.txt means (RFC 9309 §2.3.1.3).</summary>
    public static RobotsTxt AllowAll { get; } = new([], true);

    /// <summary>Disallows everything: what an unreachable (5xx, network error) robots.txt means (§2.3.1.4).</summary>
    public static RobotsTxt DisallowAll { get; } = new([], false);

    // Set for the two blanket answers; null for a parsed file.
    private bool? Everything { get; }

    /// <summary>Parses the file's text (lines past <see cref="MaxBytes"/> are ignored).</summary>
    public static RobotsTxt Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (Encoding.UTF8.GetByteCount(content) > MaxBytes)
        {
            content = content[..Math.Min(content.Length, MaxBytes)];
        }

        var groups = new List<Group>();
        Group? current = null;
        var lastWasAgent = false;
        foreach (var rawLine in content.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (current is null || !lastWasAgent)
                    {
                        current = new Group();
                        groups.Add(current);
                    }

                    current.Agents.Add(value.ToLowerInvariant());
                    lastWasAgent = true;
                    break;
                case "allow" or "disallow":
                    lastWasAgent = false;
                    // An empty path matches nothing (an empty "disallow:" allows everything).
                    if (current is not null && value.Length > 0)
                    {
                        current.Rules.Add(new Rule(key == "allow", NormalisePattern(value)));
                    }

                    break;
                case "crawl-delay":
                    lastWasAgent = false;
                    if (current is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                    {
                        current.CrawlDelay = TimeSpan.FromSeconds(Math.Min(seconds, 60));
                    }

                    break;
                default:
                    // sitemap and unknown keys neither belong to a group nor end one (§2.2.4).
                    break;
            }
        }

        return new RobotsTxt(groups, null);
    }

    /// <summary>Whether <paramref name="userAgentToken"/> may fetch <paramref name="pathAndQuery"/> (e.g. <c>/contact?x=1</c>).</summary>
    public bool IsAllowed(string userAgentToken, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(userAgentToken);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var path = NormalisePath(pathAndQuery);
        if (path.Equals("/robots.txt", StringComparison.Ordinal))
        {
            return true;
        }

        if (Everything is { } everything)
        {
            return everything;
        }

        Rule? best = null;
        foreach (var rule in RulesFor(userAgentToken))
        {
            if (!Matches(rule.Pattern, path))
            {
                continue;
            }

            if (best is null || rule.Pattern.Length > best.Pattern.Length || (rule.Pattern.Length == best.Pattern.Length && rule.Allow && !best.Allow))
            {
                best = rule;
            }
        }

        return best?.Allow ?? true;
    }

    /// <summary>The <c>crawl-delay</c> of the groups that apply to <paramref name="userAgentToken"/>, if any.</summary>
    public TimeSpan? CrawlDelay(string userAgentToken) =>
        MatchingGroups(userAgentToken).Select(g => g.CrawlDelay).Where(d => d is not null).Max();

    private IEnumerable<Rule> RulesFor(string userAgentToken) => MatchingGroups(userAgentToken).SelectMany(g => g.Rules);

    private List<Group> MatchingGroups(string userAgentToken)
    {
        var token = userAgentToken.Trim().ToLowerInvariant();
        // Groups naming the product token are merged (§2.2.1); only without one do the "*" groups apply.
        var named = _groups.Where(g => g.Agents.Contains(token)).ToList();
        return named.Count > 0 ? named : _groups.Where(g => g.Agents.Contains("*")).ToList();
    }

    /// <summary>Matches <paramref name="pattern"/> (with <c>*</c> and a final <c>$</c>) against the start of <paramref name="path"/>.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern[..^1] : pattern;
        var parts = body.Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        var position = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i == parts.Length - 1 && anchored)
            {
                // The last piece must end the path.
                return path.Length - part.Length >= position && path.EndsWith(part, StringComparison.Ordinal);
            }

            var found = path.IndexOf(part, position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + part.Length;
        }

        return !anchored || position == path.Length;
    }

    // Patterns and paths are compared as percent-encoded octets (§2.2.2): encode non-ASCII and upper-case escapes.
    private static string NormalisePattern(string value) => PercentEncode(value.StartsWith('/') || value.StartsWith('*') ? value : "/" + value);

    private static string NormalisePath(string pathAndQuery) => PercentEncode(pathAndQuery.Length == 0 ? "/" : pathAndQuery);

    private static string PercentEncode(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                builder.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                i += 2;
            }
            else if (c > 0x7F)
            {
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                foreach (var b in Encoding.UTF8.GetBytes(text.Substring(i, length)))
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }

                i += length - 1;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private sealed class Group
    {
        public List<string> Agents { get; } = [];

        public List<Rule> Rules { get; } = [];

        public TimeSpan? CrawlDelay { get; set; }
    }

    private sealed record Rule(bool Allow, string Pattern);
}
