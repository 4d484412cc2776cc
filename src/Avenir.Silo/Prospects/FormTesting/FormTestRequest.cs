namespace Avenir.Silo.Prospects.FormTesting;

/// <summary>What to test.</summary>
/// <param name="TestId">A unique id (the row id of <c>prospect_form_tests</c>, or any unique token): it tags the reply address.</param>
/// <param name="Website">The prospect's website: a URL, or a bare domain (https is tried first).</param>
/// <param name="ProspectName">The business name, to greet it.</param>
public sealed record FormTestRequest(string TestId, string Website, string? ProspectName = null)
{
    /// <summary>The website as an absolute URL.</summary>
    public Uri WebsiteUrl =>
        Uri.TryCreate(Website.Contains("://", StringComparison.Ordinal) ? Website : "https://" + Website.Trim('/'), UriKind.Absolute, out var url)
            ? url
            : throw new FormatException($"'{Website}' is not a website.");
}
