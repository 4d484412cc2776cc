using System.Globalization;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// Headers an attacker controls: junk by the dozen, values of several kilobytes, forged forwarding headers, odd
/// <c>Accept</c>, <c>Host</c> and <c>Authorization</c> values, and — now and then — more or larger headers than Kestrel
/// takes (100 headers, 32 KB in all), which it refuses before the application runs (<see cref="FuzzRequest.BreaksHttp"/>).
/// </summary>
public static class HeaderAbuse
{
    private static readonly string[] ForwardedFor = ["not-an-ip", "1.1.1.1, 2.2.2.2, 3.3.3.3", "::1", "300.1.1.1", "", "127.0.0.1", "unknown", "[::1]:80"];
    private static readonly string[] Accepts = ["*/*", "text/html", "application/json;q=abc", "application/problem+json", "image/png", ";;;", ""];
    private static readonly string[] Hosts = ["evil.example.com", "localhost:1", "a.b.c.d.e.f.g", "xn--80ak6aa92e.com", "[::1]:8080"];

    /// <summary>Host values Kestrel refuses itself (a port out of range, a space, none at all).</summary>
    private static readonly string[] BadHosts = ["127.0.0.1:99999", "exa mple.com", "", "a/b"];
    private static readonly string[] Authorizations = ["Bearer garbage", "Basic Zm9vOmJhcg==", "Bearer ", "Negotiate x", "x"];
    private static readonly string[] Encodings = ["gzip", "br", "deflate", "identity", "x-unknown"];

    public static void Apply(FuzzRequest request, Random random)
    {
        var count = random.Next(1, 3);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(11))
            {
                case 0:
                    var junk = random.Next(10, 80);
                    for (var n = 0; n < junk; n++)
                    {
                        request.Headers.Add(new($"X-Fuzz-{n.ToString(CultureInfo.InvariantCulture)}", Callers.RandomToken(random, random.Next(1, 60))));
                    }

                    request.Mutations.Add($"{junk.ToString(CultureInfo.InvariantCulture)} junk headers");
                    break;
                case 1:
                    var size = random.Next(1_000, 16_000);
                    request.Headers.Add(new("X-Fuzz-Large", new string('h', size)));
                    request.Mutations.Add($"a {size.ToString(CultureInfo.InvariantCulture)}-byte header");
                    break;
                case 2:
                    request.Headers.RemoveAll(h => h.Key == "X-Forwarded-For");
                    request.Headers.Add(new("X-Forwarded-For", random.Pick(ForwardedFor)));
                    request.Headers.Add(new("X-Forwarded-Proto", random.Chance(0.5) ? "https" : "gopher"));
                    request.Mutations.Add("forged forwarding headers");
                    break;
                case 3:
                    request.Headers.Add(new("Accept", random.Pick(Accepts)));
                    request.Headers.Add(new("Accept-Language", "fr-CA;q=0.x, *;q=-1"));
                    request.Mutations.Add("odd Accept");
                    break;
                case 4 when !request.Headers.Any(h => h.Key == "Host"):
                    var bad = random.Chance(0.2);
                    request.Headers.Add(new("Host", random.Pick(bad ? BadHosts : Hosts)));
                    request.BreaksHttp |= bad;
                    request.Mutations.Add(bad ? "malformed Host" : "foreign Host");
                    break;
                case 5:
                    request.Headers.Add(new("Authorization", random.Pick(Authorizations)));
                    request.Mutations.Add("Authorization header");
                    break;
                case 6:
                    request.Headers.Add(new("Content-Encoding", random.Pick(Encodings)));
                    request.Mutations.Add("Content-Encoding the body does not have");
                    break;
                case 7:
                    request.Headers.Add(new("Range", "bytes=junk"));
                    request.Headers.Add(new("If-None-Match", "\"" + Callers.RandomToken(random, 30)));
                    request.Headers.Add(new("Expect", "garbage"));
                    request.Mutations.Add("Range, If-None-Match, Expect junk");
                    break;
                case 8:
                    request.Headers.Add(new("X-Api-Key", random.Chance(0.5) ? "x" : new string('k', 8_000)));
                    request.Mutations.Add("stray X-Api-Key");
                    break;
                case 9 when random.Chance(0.3):
                    for (var n = 0; n < 120; n++)
                    {
                        request.Headers.Add(new($"X-Fuzz-Many-{n.ToString(CultureInfo.InvariantCulture)}", "x"));
                    }

                    request.BreaksHttp = true;
                    request.Mutations.Add("120 headers (Kestrel takes 100)");
                    break;
                case 10 when random.Chance(0.3):
                    request.Headers.Add(new("X-Fuzz-Huge", new string('h', 40_000)));
                    request.BreaksHttp = true;
                    request.Mutations.Add("a 40 KB header (Kestrel takes 32 KB in all)");
                    break;
                default:
                    request.Headers.Add(new("Origin", random.Chance(0.5) ? "null" : "https://evil.example.com"));
                    request.Headers.Add(new("Referer", "javascript:alert(1)"));
                    request.Mutations.Add("hostile Origin and Referer");
                    break;
            }
        }
    }
}
