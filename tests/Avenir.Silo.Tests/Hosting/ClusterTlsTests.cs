using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Avenir.Contracts.Clients;
using Avenir.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Avenir.Silo.Tests.Hosting;

/// <summary>
/// With <c>Orleans:Tls:CertificatePath</c> set, a silo's gateway talks only mutual TLS with the cluster's certificate:
/// a client with the certificate calls grains; a plain connection, or one with another certificate, is refused.
/// </summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private const string Password = "cluster-test-password";
    private readonly string folder = Directory.CreateTempSubdirectory("avenir-tls-").FullName;
    private DatabaseSettings database = null!;
    private string clusterId = null!;
    private TestSilo silo = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        clusterId = TestSilo.NewClusterId();
        silo = await TestSilo.StartAsync(database, clusterId, settings: Tls(WriteCertificate("cluster")));
    }

    [Fact]
    public async Task A_client_with_the_cluster_certificate_calls_grains()
    {
        using var client = await TestSilo.StartClientAsync(database, clusterId, Tls(Path.Combine(folder, "cluster.pfx")));

        var grains = client.Services.GetRequiredService<IClusterClient>();
        var clientId = await TestClients.RegisterAsync(grains);

        Assert.NotNull(await grains.GetGrain<IClientGrain>(clientId).GetProfileAsync());
    }

    [Fact]
    public async Task A_plain_connection_to_the_gateway_is_closed_without_a_word()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, GatewayPort());
        var stream = tcp.GetStream();
        await stream.WriteAsync("not a TLS handshake"u8.ToArray());

        Assert.Equal(0, await ReadOrZeroAsync(stream));
    }

    [Fact]
    public async Task A_connection_with_another_certificate_is_refused()
    {
        using var intruder = X509CertificateLoader.LoadPkcs12FromFile(WriteCertificate("intruder"), Password);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, GatewayPort());
        using var cluster = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(folder, "cluster.pfx"), Password);
        // The server is the real one (its certificate pinned): only the client's certificate is wrong.
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false,
            (_, server, _, _) => server is not null && server.GetCertHashString() == cluster.Thumbprint);

        // Under TLS 1.3 the server judges the client's certificate after the client's side of the handshake: the refusal
        // shows either as a failed handshake or as the connection closed at once.
        var handshake = await Record.ExceptionAsync(() => tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "cluster.avenir.test",
            ClientCertificates = [intruder],
        }).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(handshake is AuthenticationException or IOException || await ReadOrZeroAsync(tls) == 0, $"handshake: {handshake}");
    }

    private int GatewayPort() => silo.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.GatewayPort;

    /// <summary>Bytes read, or 0 when the peer closed or reset the connection.</summary>
    private static async Task<int> ReadOrZeroAsync(Stream stream)
    {
        try
        {
            return await stream.ReadAsync(new byte[64]).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public async Task DisposeAsync()
    {
        await silo.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static Dictionary<string, string?> Tls(string path) => new()
    {
        [ClusterTransportSecurity.CertificatePathKey] = path,
        [ClusterTransportSecurity.CertificatePasswordKey] = Password,
    };

    private string WriteCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}.avenir.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName($"{name}.avenir.test");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client authentication
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        var path = Path.Combine(folder, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
