using MimeKit;
using MimeKit.Cryptography;

namespace Avenir.Silo.Outreach.Dkim;

/// <summary>
/// Signs outreach messages with DKIM (RSA-SHA256, relaxed/relaxed), covering the identity, thread and both RFC 8058
/// headers: RFC 8058 §4 requires List-Unsubscribe and List-Unsubscribe-Post to be signed, or mail clients ignore them.
/// </summary>
public sealed class OutreachDkimSigner
{
    /// <summary>Signed when present. From first (RFC 6376 §5.4 requires it).</summary>
    public static readonly IReadOnlyList<string> SignedHeaders =
    [
        "From", "Reply-To", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "List-Unsubscribe", "List-Unsubscribe-Post",
    ];

    private readonly ClockedDkimSigner signer;

    public OutreachDkimSigner(string privateKeyPem, string domain, string selector, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPem);
        using var key = new MemoryStream(Encoding.ASCII.GetBytes(privateKeyPem));
        signer = new ClockedDkimSigner(key, domain, selector, time)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }

    public string Domain => signer.Domain;

    public string Selector => signer.Selector;

    public static OutreachDkimSigner? FromOptions(DkimOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return null;
        }

        var pem = !string.IsNullOrWhiteSpace(options.PrivateKeyPem) ? options.PrivateKeyPem : File.ReadAllText(options.PrivateKeyPath!);
        return new OutreachDkimSigner(pem, options.Domain!, options.Selector!, time);
    }

    /// <summary>Adds the DKIM-Signature header. Call last: any later change to a signed header or the body breaks it.</summary>
    public void Sign(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var present = SignedHeaders.Where(name => message.Headers.Contains(name)).ToList();
        signer.Sign(message, present);
    }

    /// <summary>MimeKit's signer with the t= tag from <see cref="TimeProvider"/> instead of the machine clock.</summary>
    private sealed class ClockedDkimSigner(Stream key, string domain, string selector, TimeProvider time)
        : DkimSigner(key, domain, selector, DkimSignatureAlgorithm.RsaSha256)
    {
        protected override long GetTimestamp() => time.GetUtcNow().ToUnixTimeSeconds();
    }
}
