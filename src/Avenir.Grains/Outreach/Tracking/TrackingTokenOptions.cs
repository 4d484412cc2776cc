namespace Avenir.Grains.Outreach.Tracking;

/// <summary>
/// Tracking-token signing (configuration section <c>Outreach:Tracking</c>; the silo signs, the API verifies, both
/// bind the same section). Secrets come from configuration only (user secrets, environment), never the repository.
/// </summary>
public sealed class TrackingTokenOptions
{
    public const string Section = "Outreach:Tracking";

    /// <summary>The API's public origin the tracking URLs start with (<c>Outreach:Tracking:BaseUrl</c>).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The key new tokens are signed with (<c>Outreach:Tracking:CurrentKeyId</c>).</summary>
    public int CurrentKeyId { get; set; }

    /// <summary>
    /// Every key that may verify (<c>Outreach:Tracking:Keys:N:Id</c>, <c>…:Secret</c>, base64 of at least 32 bytes).
    /// Rotation: add a key, make it current, keep the old one. Unsubscribe tokens never expire, so a key that signed
    /// any must stay here (verify-only) for as long as those emails may be read: years.
    /// </summary>
    public List<TrackingKeyOptions> Keys { get; set; } = [];

    /// <summary>How long an open pixel counts (<c>Outreach:Tracking:OpenLifetime</c>).</summary>
    public TimeSpan OpenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long a tracked link redirects (<c>Outreach:Tracking:ClickLifetime</c>).</summary>
    public TimeSpan ClickLifetime { get; set; } = TimeSpan.FromDays(365);
}

/// <summary>One signing key: an id (0–255, carried in the token) and its secret (base64).</summary>
public sealed class TrackingKeyOptions
{
    public int Id { get; set; }

    public string Secret { get; set; } = "";
}
