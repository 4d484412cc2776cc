namespace Avenir.Silo.Prospects.FormTesting.Submission;

/// <summary>
/// Plus-addressing on the test mailbox: <c>tests@agency.example</c> and test <c>k3x9</c> give
/// <c>tests+k3x9@agency.example</c>. Mail servers deliver it to the mailbox itself, and the tag tells which test an
/// answer belongs to.
/// </summary>
public static class ReplyAddress
{
    /// <summary>The reply address of test <paramref name="testId"/>.</summary>
    public static string For(string mailbox, string testId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        var at = mailbox.LastIndexOf('@');
        if (at <= 0 || at == mailbox.Length - 1)
        {
            throw new ArgumentException($"'{mailbox}' is not an e-mail address.", nameof(mailbox));
        }

        var local = mailbox[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            local = local[..plus];
        }

        return $"{local}+{Tag(testId)}{mailbox[at..]}";
    }

    /// <summary>The id reduced to what every mail server accepts in a tag: lower-case letters, digits and hyphens.</summary>
    public static string Tag(string testId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(testId);
        var tag = new StringBuilder(testId.Length);
        foreach (var c in testId.Trim().ToLowerInvariant())
        {
            tag.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return tag.ToString().Trim('-');
    }
}
