namespace Avenir.Silo.AutoReply;

/// <summary>The auto-reply job (configuration section <c>AutoReply</c>).</summary>
public sealed class AutoReplyOptions
{
    public const string Section = "AutoReply";

    /// <summary>
    /// How long after the lead was queued the reply waits for the lead's enrichment (its detected language
    /// and intent); after that it goes out in the declared or the client's language.
    /// </summary>
    public TimeSpan EnrichmentWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often, while waiting, the job looks again.</summary>
    public TimeSpan EnrichmentPoll { get; set; } = TimeSpan.FromSeconds(3);
}
