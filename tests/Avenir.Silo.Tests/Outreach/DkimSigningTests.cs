using System.Security.Cryptography;
using Avenir.Silo.Outreach.Dkim;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MimeKit.Cryptography;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>DKIM: the signature verifies with MimeKit's verifier over the test key and covers both RFC 8058 headers.</summary>
public sealed class DkimSigningTests : IDisposable
{
    private const string Domain = "avenir-agence.ca";
    private const string Selector = "outreach2026";
    private readonly RSA key = RSA.Create(2048);
    private readonly OutreachTestKit kit;

    public DkimSigningTests()
    {
        kit = new OutreachTestKit(new OutreachDkimSigner(key.ExportRSAPrivateKeyPem(), Domain, Selector, new FakeTimeProvider(TestClock.DefaultOrigin)));
    }

    public void Dispose() => key.Dispose();

    private MimeMessage SignedAndReceived()
    {
        var composed = kit.Composer.Compose(OutreachTestKit.Request(
            Guid.NewGuid(), Guid.NewGuid(), "<p>Bonjour Sophie, <a href=\"https://cal.example.ca/marc\">réservez</a></p>", "Bonjour Sophie"));
        using var wire = new MemoryStream();
        composed.Message.WriteTo(wire);
        wire.Position = 0;
        return MimeMessage.Load(wire);
    }

    private static bool Verify(MimeMessage message, RSA publicKey)
    {
        var verifier = new DkimVerifier(new SingleKeyLocator(Domain, Selector, publicKey));
        return verifier.Verify(message, message.Headers.First(h => h.Id == HeaderId.DkimSignature));
    }

    private static Dictionary<string, string> Tags(MimeMessage message) =>
        (message.Headers[HeaderId.DkimSignature] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(tag => tag.Split('=', 2)).ToDictionary(kv => kv[0], kv => string.Concat(kv[1].Where(c => !char.IsWhiteSpace(c))), StringComparer.Ordinal);

    [Fact]
    public void The_signature_verifies_and_covers_both_list_unsubscribe_headers()
    {
        var message = SignedAndReceived();

        Assert.True(Verify(message, key));
        var tags = Tags(message);
        Assert.Equal(Domain, tags["d"]);
        Assert.Equal(Selector, tags["s"]);
        Assert.Equal("rsa-sha256", tags["a"]);
        Assert.Equal(TestClock.DefaultOrigin.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), tags["t"]);
        var signed = tags["h"].Split(':').Select(h => h.ToLowerInvariant()).ToList();
        Assert.Contains("list-unsubscribe", signed);
        Assert.Contains("list-unsubscribe-post", signed);
        Assert.Equal("from", signed[0]);
        Assert.Contains("message-id", signed);
    }

    [Fact]
    public void Changing_the_unsubscribe_header_or_the_body_breaks_the_signature()
    {
        var headerTampered = SignedAndReceived();
        headerTampered.Headers["List-Unsubscribe"] = "<https://evil.example/u/x>";
        Assert.False(Verify(headerTampered, key));

        var postTampered = SignedAndReceived();
        postTampered.Headers.Remove("List-Unsubscribe-Post");
        Assert.False(Verify(postTampered, key));

        var bodyTampered = SignedAndReceived();
        ((TextPart)((Multipart)bodyTampered.Body!).First()).Text = "Send me your password";
        Assert.False(Verify(bodyTampered, key));
    }

    [Fact]
    public void Another_key_does_not_verify()
    {
        using var other = RSA.Create(2048);

        Assert.False(Verify(SignedAndReceived(), other));
    }

    /// <summary>Answers the one DNS TXT record the test publishes: v=DKIM1; k=rsa; p=base64(SubjectPublicKeyInfo).</summary>
    private sealed class SingleKeyLocator(string domain, string selector, RSA publicKey) : DkimPublicKeyLocatorBase
    {
        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(
            string methods, string domainName, string selectorName, CancellationToken cancellationToken = default)
        {
            Assert.Equal((domain, selector), (domainName, selectorName));
            return GetPublicKey("v=DKIM1; k=rsa; p=" + Convert.ToBase64String(publicKey.ExportSubjectPublicKeyInfo()));
        }

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(
            string methods, string domainName, string selectorName, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domainName, selectorName, cancellationToken));
    }
}
