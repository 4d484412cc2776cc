namespace Avenir.Api.Outreach;

/// <summary>The open pixel: a transparent 1×1 GIF, never cached (each fetch is a chance to record an open).</summary>
public static class TrackingPixel
{
    public const string ContentType = "image/gif";

    /// <summary>GIF89a, 1×1, one transparent colour (43 bytes).</summary>
    public static ReadOnlyMemory<byte> Gif { get; } = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");
}
