namespace Avenir.Api.Outreach;

/// <summary>Per-IP limit of the public tracking endpoints (configuration section <c>Outreach:PublicEndpoints</c>).</summary>
public sealed class TrackingEndpointOptions
{
    public const string Section = "Outreach:PublicEndpoints";

    /// <summary>
    /// Requests a minute per IP address to <c>/t/…</c> and <c>/u/…</c>. High on purpose: an image proxy (Gmail, Apple
    /// Mail Privacy Protection) fetches the pixels of many recipients from one address; the limit only stops a flood.
    /// </summary>
    public int PermitsPerIpPerMinute { get; set; } = 600;
}
