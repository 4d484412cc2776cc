using System.Diagnostics.CodeAnalysis;

namespace Avenir.Grains.Prospects;

/// <summary>
/// A prospect's identity: its website's host name, normalised so that every way of writing the same site
/// gives one value. Scheme, user info, port, path, query, fragment, a trailing dot, a leading <c>www.</c> and
/// case are dropped, and international names are turned into punycode (IDNA, <see cref="IdnMapping"/>), so
/// <c>https://WWW.Café-Lévis.ca/contact/</c> and <c>http://xn--caf-lvis-d1ac.ca</c> are the same prospect.
/// </summary>
public readonly record struct ProspectDomain
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    private ProspectDomain(string value) => Value = value;

    /// <summary>The ASCII (punycode) host name without <c>www.</c>, lower case, e.g. <c>xn--caf-lvis-d1ac.ca</c>.</summary>
    public string Value { get; }

    /// <summary>The host name as people read it (punycode decoded), e.g. <c>café-lévis.ca</c>.</summary>
    public string Unicode => Idn.GetUnicode(Value);

    /// <summary>Normalises <paramref name="website"/> (a URL, a bare host or a host with a path); false when it names no public host.</summary>
    public static bool TryParse([NotNullWhen(true)] string? website, out ProspectDomain domain)
    {
        domain = default;
        if (string.IsNullOrWhiteSpace(website))
        {
            return false;
        }

        var host = ExtractHost(website.Trim());
        if (host is null)
        {
            return false;
        }

        host = host.TrimEnd('.');
        if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }

        string ascii;
        try
        {
            // GetAscii lower-cases, maps full-width dots and checks the labels (STD3: letters, digits, hyphens).
            ascii = Idn.GetAscii(host);
        }
        catch (ArgumentException)
        {
            return false;
        }

        ascii = ascii.ToLowerInvariant();
        if (!IsPublicHostName(ascii))
        {
            return false;
        }

        domain = new ProspectDomain(ascii);
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but throws <see cref="FormatException"/> for an unusable website.</summary>
    public static ProspectDomain Parse(string website) =>
        TryParse(website, out var domain) ? domain : throw new FormatException($"'{website}' is not a website domain.");

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    private static string? ExtractHost(string text)
    {
        var hasScheme = text.Contains("://", StringComparison.Ordinal);
        if (!hasScheme && (text.Contains('@', StringComparison.Ordinal) || IsOtherScheme(text)))
        {
            return null; // an e-mail address, mailto:, tel:… name no website
        }

        // Without a scheme, "café.ca/contact" would parse as a relative path: give it one.
        var withScheme = hasScheme ? text : "http://" + text.TrimStart('/');
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        // Uri.Host may already be punycode (IDN parsing on) or Unicode; IdnSafe-agnostic: use the original text's host.
        var host = uri.IdnHost;
        return Uri.UnescapeDataString(host);
    }

    // "mailto:x", "tel:+1…": a scheme (letters, no dot) before a colon that is not a port.
    private static bool IsOtherScheme(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && text[..colon].All(char.IsAsciiLetter) && !(colon + 1 < text.Length && char.IsAsciiDigit(text[colon + 1]));
    }

    private static bool IsPublicHostName(string ascii)
    {
        var labels = ascii.Split('.');
        if (labels.Length < 2 || ascii.Length > 253)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
        }

        // A top-level domain is letters (or punycode): "1.2" or "host.123" are not websites.
        var top = labels[^1];
        return top.StartsWith("xn--", StringComparison.Ordinal) || top.All(char.IsAsciiLetter);
    }
}
