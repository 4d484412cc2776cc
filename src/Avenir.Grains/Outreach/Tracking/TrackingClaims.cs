namespace Avenir.Grains.Outreach.Tracking;

/// <summary>What a verified tracking token says.</summary>
/// <param name="Purpose">Open, click or unsubscribe.</param>
/// <param name="EmailId">The <c>outreach_emails</c> row the token was issued for.</param>
/// <param name="LinkIndex">For a click: the index of the link in that email's recorded links (never a URL).</param>
/// <param name="ProspectId">For an unsubscribe: the prospect to suppress, so it still works once the email row is gone.</param>
/// <param name="ExpiresAt">For open and click; <see langword="null"/> for unsubscribe.</param>
/// <param name="KeyId">The signing key, so a caller can tell tokens of a retired key.</param>
public sealed record TrackingClaims(
    TrackingPurpose Purpose,
    Guid EmailId,
    int? LinkIndex,
    Guid? ProspectId,
    DateTimeOffset? ExpiresAt,
    byte KeyId);

/// <summary>Why a token was refused. The API answers all of them the same way (404/410 without detail).</summary>
public enum TrackingTokenRejection
{
    /// <summary>Not base64url, wrong length, unknown version: truncated or invented.</summary>
    Malformed,

    /// <summary>Signed by a key id this deployment does not hold (retired and dropped, or invented).</summary>
    UnknownKey,

    /// <summary>The signature does not match: tampered.</summary>
    BadSignature,

    /// <summary>A valid token of another purpose (e.g. an open token presented as an unsubscribe).</summary>
    WrongPurpose,

    /// <summary>An open or click token past its lifetime.</summary>
    Expired,
}

/// <summary>The answer of <see cref="TrackingTokens.Verify"/>: claims when valid, else the rejection.</summary>
public sealed record TrackingTokenVerification(TrackingClaims? Claims, TrackingTokenRejection? Rejection)
{
    public bool IsValid => Claims is not null;

    internal static TrackingTokenVerification Valid(TrackingClaims claims) => new(claims, null);

    internal static TrackingTokenVerification Refused(TrackingTokenRejection rejection) => new(null, rejection);
}
