namespace Avenir.Infrastructure.Security;

/// <summary>An email address for logs: <c>m***@example.com</c>. Logs are read by more people than leads are.</summary>
public static class MaskedAddress
{
    public static string Of(string address) =>
        address.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? address[..1] + "***" + address[at..] : "***";
}
