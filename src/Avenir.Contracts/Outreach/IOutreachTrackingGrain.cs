namespace Avenir.Contracts.Outreach;

/// <summary>
/// The public tracking links' entry into the cluster (stateless worker): verifies a signed token (HMAC; tampered,
/// expired or of another purpose → refused) and hands the event to the email's campaign grain.
/// </summary>
[Alias("Avenir.Contracts.Outreach.IOutreachTrackingGrain")]
public interface IOutreachTrackingGrain : IGrainWithIntegerKey
{
    /// <summary>Records an open; false when the token is not a valid open token.</summary>
    [Alias("Open")]
    Task<bool> OpenAsync(string token, string? userAgent);

    /// <summary>The URL to redirect to (one recorded for that link of that email), or null: 404.</summary>
    [Alias("Click")]
    Task<string?> ClickAsync(string token, string? userAgent);

    /// <summary>Unsubscribes the token's prospect and address at once (idempotent); false when the token is invalid.</summary>
    [Alias("Unsubscribe")]
    Task<bool> UnsubscribeAsync(string token, string source);

    /// <summary>For the confirmation page (GET): is the token valid, and in which language is its email. Changes nothing.</summary>
    [Alias("InspectUnsubscribe")]
    Task<UnsubscribeTokenInfo?> InspectUnsubscribeAsync(string token);
}

[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.UnsubscribeTokenInfo")]
public sealed record class UnsubscribeTokenInfo([property: Id(0)] string Language, [property: Id(1)] bool AlreadyUnsubscribed);
