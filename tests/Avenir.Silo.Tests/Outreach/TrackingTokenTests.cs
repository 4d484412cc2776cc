using System.Buffers.Text;
using System.Security.Cryptography;
using Avenir.Grains.Outreach.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>Tracking tokens: round trips, sizes, and every way a token must be refused.</summary>
public sealed class TrackingTokenTests
{
    private static readonly TimeSpan OpenLifetime = TimeSpan.FromDays(30);
    private static readonly TimeSpan ClickLifetime = TimeSpan.FromDays(60);
    private readonly FakeTimeProvider clock = new(TestClock.DefaultOrigin);
    private readonly Guid emailId = Guid.NewGuid();
    private readonly Guid prospectId = Guid.NewGuid();

    private static TrackingKeyRing Ring(byte current, params (byte Id, byte[] Secret)[] keys) =>
        new(current, keys.ToDictionary(k => k.Id, k => k.Secret));

    private static byte[] Secret() => RandomNumberGenerator.GetBytes(32);

    private TrackingTokens Tokens(TrackingKeyRing ring) => new(ring, clock, OpenLifetime, ClickLifetime);

    [Fact]
    public void Each_purpose_round_trips_its_claims_in_a_compact_url_safe_token()
    {
        var tokens = Tokens(Ring(7, (7, Secret())));

        var open = tokens.Verify(tokens.CreateOpen(emailId), TrackingPurpose.Open);
        var click = tokens.Verify(tokens.CreateClick(emailId, 513), TrackingPurpose.Click);
        var unsubscribe = tokens.Verify(tokens.CreateUnsubscribe(emailId, prospectId), TrackingPurpose.Unsubscribe);

        Assert.Equal(new TrackingClaims(TrackingPurpose.Open, emailId, null, null, TestClock.DefaultOrigin + OpenLifetime, 7), open.Claims);
        Assert.Equal(new TrackingClaims(TrackingPurpose.Click, emailId, 513, null, TestClock.DefaultOrigin + ClickLifetime, 7), click.Claims);
        Assert.Equal(new TrackingClaims(TrackingPurpose.Unsubscribe, emailId, null, prospectId, null, 7), unsubscribe.Claims);
        Assert.Equal(52, tokens.CreateOpen(emailId).Length);
        Assert.Equal(55, tokens.CreateClick(emailId, 3).Length);
        Assert.Equal(68, tokens.CreateUnsubscribe(emailId, prospectId).Length);
        Assert.All(new[] { tokens.CreateOpen(emailId), tokens.CreateClick(emailId, 0), tokens.CreateUnsubscribe(emailId, prospectId) },
            token => Assert.Matches("^[A-Za-z0-9_-]+$", token));
    }

    [Fact]
    public void Flipping_any_bit_of_any_byte_is_refused()
    {
        var tokens = Tokens(Ring(1, (1, Secret())));
        foreach (var (token, purpose) in new[]
        {
            (tokens.CreateClick(emailId, 2), TrackingPurpose.Click),
            (tokens.CreateUnsubscribe(emailId, prospectId), TrackingPurpose.Unsubscribe),
        })
        {
            var bytes = Base64Url.DecodeFromChars(token);
            for (var i = 0; i < bytes.Length; i++)
            {
                for (var bit = 0; bit < 8; bit++)
                {
                    var tampered = (byte[])bytes.Clone();
                    tampered[i] ^= (byte)(1 << bit);
                    var verification = tokens.Verify(Base64Url.EncodeToString(tampered), purpose);
                    Assert.False(verification.IsValid, $"byte {i} bit {bit} of a {purpose} token passed");
                    Assert.NotNull(verification.Rejection);
                }
            }
        }
    }

    [Fact]
    public void A_forged_email_id_or_link_index_fails_the_signature()
    {
        var tokens = Tokens(Ring(1, (1, Secret())));
        var bytes = Base64Url.DecodeFromChars(tokens.CreateClick(emailId, 0));
        bytes[3 + 16 + 1] = 9; // link index 0 → 9, MAC left as it was

        Assert.Equal(TrackingTokenRejection.BadSignature, tokens.Verify(Base64Url.EncodeToString(bytes), TrackingPurpose.Click).Rejection);
    }

    [Fact]
    public void Every_truncation_and_garbage_is_malformed()
    {
        var tokens = Tokens(Ring(1, (1, Secret())));
        var token = tokens.CreateUnsubscribe(emailId, prospectId);
        for (var length = 0; length < token.Length; length++)
        {
            var verification = tokens.Verify(token[..length], TrackingPurpose.Unsubscribe);
            Assert.False(verification.IsValid);
        }

        Assert.Equal(TrackingTokenRejection.Malformed, tokens.Verify(token[..^4], TrackingPurpose.Unsubscribe).Rejection);
        Assert.Equal(TrackingTokenRejection.Malformed, tokens.Verify(token + "AAAA", TrackingPurpose.Unsubscribe).Rejection);
        Assert.Equal(TrackingTokenRejection.Malformed, tokens.Verify("not a token!", TrackingPurpose.Unsubscribe).Rejection);
        Assert.Equal(TrackingTokenRejection.Malformed, tokens.Verify(null, TrackingPurpose.Open).Rejection);
        Assert.Equal(TrackingTokenRejection.Malformed, tokens.Verify(new string('A', 500), TrackingPurpose.Open).Rejection);
    }

    [Fact]
    public void A_token_of_another_purpose_is_refused_as_wrong_purpose()
    {
        var tokens = Tokens(Ring(1, (1, Secret())));

        Assert.Equal(TrackingTokenRejection.WrongPurpose, tokens.Verify(tokens.CreateOpen(emailId), TrackingPurpose.Click).Rejection);
        Assert.Equal(TrackingTokenRejection.WrongPurpose, tokens.Verify(tokens.CreateOpen(emailId), TrackingPurpose.Unsubscribe).Rejection);
        Assert.Equal(TrackingTokenRejection.WrongPurpose, tokens.Verify(tokens.CreateUnsubscribe(emailId, prospectId), TrackingPurpose.Open).Rejection);
    }

    [Fact]
    public void Open_and_click_tokens_expire_at_their_lifetime_and_unsubscribe_tokens_never()
    {
        var tokens = Tokens(Ring(1, (1, Secret())));
        var open = tokens.CreateOpen(emailId);
        var click = tokens.CreateClick(emailId, 1);
        var unsubscribe = tokens.CreateUnsubscribe(emailId, prospectId);

        clock.Advance(OpenLifetime - TimeSpan.FromSeconds(1));
        Assert.True(tokens.Verify(open, TrackingPurpose.Open).IsValid);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TrackingTokenRejection.Expired, tokens.Verify(open, TrackingPurpose.Open).Rejection);
        Assert.True(tokens.Verify(click, TrackingPurpose.Click).IsValid);

        clock.Advance(ClickLifetime - OpenLifetime);
        Assert.Equal(TrackingTokenRejection.Expired, tokens.Verify(click, TrackingPurpose.Click).Rejection);

        clock.Advance(TimeSpan.FromDays(10 * 365));
        Assert.Equal(prospectId, tokens.Verify(unsubscribe, TrackingPurpose.Unsubscribe).Claims?.ProspectId);
    }

    [Fact]
    public void After_rotation_old_tokens_verify_with_the_previous_key_and_new_ones_use_the_current()
    {
        var oldSecret = Secret();
        var before = Tokens(Ring(1, (1, oldSecret)));
        var oldUnsubscribe = before.CreateUnsubscribe(emailId, prospectId);
        var oldClick = before.CreateClick(emailId, 4);

        var after = Tokens(Ring(2, (1, oldSecret), (2, Secret())));
        var newClick = after.CreateClick(emailId, 4);

        Assert.Equal((byte?)1, after.Verify(oldUnsubscribe, TrackingPurpose.Unsubscribe).Claims?.KeyId);
        Assert.Equal((byte?)1, after.Verify(oldClick, TrackingPurpose.Click).Claims?.KeyId);
        Assert.Equal((byte?)2, after.Verify(newClick, TrackingPurpose.Click).Claims?.KeyId);
        Assert.Equal(TrackingTokenRejection.UnknownKey, before.Verify(newClick, TrackingPurpose.Click).Rejection);

        var dropped = Tokens(Ring(2, (2, Secret())));
        Assert.Equal(TrackingTokenRejection.UnknownKey, dropped.Verify(oldUnsubscribe, TrackingPurpose.Unsubscribe).Rejection);
        var replacedSecret = Tokens(Ring(1, (1, Secret())));
        Assert.Equal(TrackingTokenRejection.BadSignature, replacedSecret.Verify(oldUnsubscribe, TrackingPurpose.Unsubscribe).Rejection);
    }

    [Fact]
    public void Key_options_are_checked_and_name_what_is_wrong()
    {
        var good = Convert.ToBase64String(Secret());
        var ring = TrackingKeyRing.FromOptions(
            new TrackingTokenOptions { CurrentKeyId = 3, Keys = [new() { Id = 2, Secret = good }, new() { Id = 3, Secret = good }] });
        Assert.Equal(3, ring.CurrentKeyId);

        Assert.Contains(
            "Keys is empty",
            Assert.Throws<InvalidOperationException>(() => TrackingKeyRing.FromOptions(new TrackingTokenOptions())).Message,
            StringComparison.Ordinal);
        Assert.Contains("CurrentKeyId 9", Assert.Throws<InvalidOperationException>(() =>
            TrackingKeyRing.FromOptions(new TrackingTokenOptions { CurrentKeyId = 9, Keys = [new() { Id = 3, Secret = good }] })).Message,
            StringComparison.Ordinal);
        Assert.Contains("not base64", Assert.Throws<InvalidOperationException>(() =>
            TrackingKeyRing.FromOptions(new TrackingTokenOptions { Keys = [new() { Id = 0, Secret = "%%%" }] })).Message, StringComparison.Ordinal);
        Assert.Contains("at least 32", Assert.Throws<ArgumentException>(() =>
            TrackingKeyRing.FromOptions(new TrackingTokenOptions { Keys = [new() { Id = 0, Secret = Convert.ToBase64String(new byte[16]) }] })).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_click_resolves_only_to_a_recorded_web_link_of_its_email()
    {
        IReadOnlyList<TrackedLink> links = [new(0, "https://example.ca/a"), new(1, "http://example.ca/b"), new(2, "javascript:alert(1)")];

        Assert.Equal(new Uri("https://example.ca/a"), TrackedLinks.Resolve(links, 0));
        Assert.Equal(new Uri("http://example.ca/b"), TrackedLinks.Resolve(links, 1));
        Assert.Null(TrackedLinks.Resolve(links, 2));
        Assert.Null(TrackedLinks.Resolve(links, 3));
    }
}
