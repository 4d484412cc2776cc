using System.Net;
using MailKit.Security;

namespace Avenir.Silo.Outreach.Sending;

/// <summary>Turns <see cref="MailSecurity"/> into MailKit's socket options: TLS unless the host is loopback.</summary>
public static class MailSecurityPolicy
{
    public static SecureSocketOptions Resolve(string host, int port, MailSecurity security, bool allowPlaintextToRemoteHost, int implicitTlsPort)
    {
        var loopback = IsLoopback(host);
        return security switch
        {
            MailSecurity.ImplicitTls => SecureSocketOptions.SslOnConnect,
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.None when loopback || allowPlaintextToRemoteHost => SecureSocketOptions.None,
            MailSecurity.None => throw new InvalidOperationException(
                $"Plain-text mail to {host} would send credentials and mail in clear; use TLS or set AllowPlaintextToRemoteHost."),
            _ when loopback => SecureSocketOptions.None,
            _ when port == implicitTlsPort => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
    }

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
