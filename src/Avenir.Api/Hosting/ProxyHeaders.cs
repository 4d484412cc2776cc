using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Avenir.Api.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c>/<c>-Proto</c> honoured from the reverse proxies named in <c>ReverseProxy:KnownProxies</c>
/// (addresses) and <c>ReverseProxy:KnownNetworks</c> (CIDR) only, one hop: the client's IP for the rate limiters, and
/// https for the <c>Secure</c> cookie. With none configured nothing is forwarded (ASP.NET's default would trust loopback).
/// </summary>
public static class ProxyHeaders
{
    public const string Section = "ReverseProxy";

    public static IServiceCollection AddProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
