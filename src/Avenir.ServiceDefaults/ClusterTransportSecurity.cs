using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Mutual TLS between silos and between the API and the silos' gateways (<c>Microsoft.Orleans.Connections.Security</c>),
/// on when <c>Orleans:Tls:CertificatePath</c> names a PKCS#12 file (<c>Orleans:Tls:CertificatePassword</c> its password).
/// Every member presents that one certificate and accepts only a peer presenting the same one (pinned by thumbprint),
/// so reaching a silo or gateway port is not enough to call a grain. Off by default: in development every port is
/// bound to loopback; docs/security.md says when to turn it on.
/// </summary>
public static class ClusterTransportSecurity
{
    public const string CertificatePathKey = "Orleans:Tls:CertificatePath";
    public const string CertificatePasswordKey = "Orleans:Tls:CertificatePassword";

    public static ISiloBuilder UseAvenirClusterTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (Certificate(configuration) is { } certificate)
        {
            silo.UseTls(certificate, options => Pin(options, certificate));
        }

        return silo;
    }

    public static IClientBuilder UseAvenirClusterTls(this IClientBuilder client, IConfiguration configuration)
    {
        if (Certificate(configuration) is { } certificate)
        {
            client.UseTls(certificate, options => Pin(options, certificate));
        }

        return client;
    }

    /// <summary>The configured certificate, or null when cluster TLS is off.</summary>
    public static X509Certificate2? Certificate(IConfiguration configuration) =>
        configuration[CertificatePathKey] is { Length: > 0 } path
            ? X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey])
            : null;

    private static void Pin(TlsOptions options, X509Certificate2 certificate)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // The one cluster certificate, whoever issued it: a chain or host-name error is irrelevant once it is pinned.
        options.RemoteCertificateValidation = (remote, _, _) => remote is not null && remote.Thumbprint == certificate.Thumbprint;
        options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
    }
}
