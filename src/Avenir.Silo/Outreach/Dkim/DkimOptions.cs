namespace Avenir.Silo.Outreach.Dkim;

/// <summary>
/// DKIM signing of outreach mail (<c>Outreach:Dkim:*</c>). Optional: a relay that signs (Google Workspace, Microsoft 365,
/// most ESPs) needs none. The DNS record is <c>{Selector}._domainkey.{Domain} TXT "v=DKIM1; k=rsa; p=…"</c>.
/// </summary>
public sealed class DkimOptions
{
    public const string Section = "Outreach:Dkim";

    /// <summary>The signing domain (d=), normally the sender's domain.</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (s=).</summary>
    public string? Selector { get; set; }

    /// <summary>The RSA private key in PEM (PKCS#1 or PKCS#8), from user secrets or the environment.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>Or a file holding it.</summary>
    public string? PrivateKeyPath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector)
        && (!string.IsNullOrWhiteSpace(PrivateKeyPem) || !string.IsNullOrWhiteSpace(PrivateKeyPath));
}
