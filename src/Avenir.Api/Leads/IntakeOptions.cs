namespace Avenir.Api.Leads;

/// <summary>Limits and windows of lead intake (configuration section <c>Intake</c>).</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Largest accepted request body; larger posts get 413.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest accepted message, in characters.</summary>
    public int MaxMessageLength { get; set; } = 20_000;

    /// <summary>At most this many extra form fields are kept in the lead's metadata.</summary>
    public int MaxExtraFields { get; set; } = 50;

    /// <summary>An identical submission (same email and message) within this window is merged, not stored twice.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lead posts a minute allowed per client key, however the key is sent.</summary>
    public int PermitsPerKeyPerMinute { get; set; } = 120;

    /// <summary>Lead posts a minute allowed per client IP address.</summary>
    public int PermitsPerIpPerMinute { get; set; } = 30;

    /// <summary>Anonymous key look-ups a minute per IP address: CORS preflights and lead read-backs.</summary>
    public int LookupsPerIpPerMinute { get; set; } = 60;
}
