namespace Avenir.Grains.Outreach.Tracking;

/// <summary>What a tracking token may be used for. Part of the signed bytes, so a token of one purpose never passes as another.</summary>
public enum TrackingPurpose : byte
{
    /// <summary>The open pixel of one email (expires).</summary>
    Open = 1,

    /// <summary>One link of one email, by its index in that email (expires).</summary>
    Click = 2,

    /// <summary>Unsubscribes the recipient of one email. Never expires: CASL requires it to keep working.</summary>
    Unsubscribe = 3,
}
