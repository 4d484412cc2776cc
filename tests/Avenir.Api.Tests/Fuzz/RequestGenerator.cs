using System.Globalization;
using System.Text.Json;
using Avenir.Api.Auth;
using Avenir.Api.Leads;
using Microsoft.AspNetCore.Http;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// Makes request <c>i</c> of a run from its own generator, seeded by the run's seed and <c>i</c>: the same seed gives
/// the same requests, whatever the order they are sent in. About 30% are lead posts, 5% CORS preflights, 5% lead
/// read-backs, 3% sign-ins, 3% stray (unknown routes, methods a route does not take); the rest spread evenly over
/// every other endpoint the API maps.
/// </summary>
public sealed class RequestGenerator
{
    private static readonly string[] StrayPaths =
    [
        "/api", "/api/", "/api/nope", "/api/dashboard/nope", "/api/admin/nope", "/%00", "/api/lead/../admin/clients", "/api/lead%00", "//api//lead",
        "/api/LEADS/x", "/api/dashboard/leads/export.csv.bak", "/.env", "/api/admin", "/index.html%00.js", "/api/leads/", "/api/auth",
    ];

    private static readonly string[] StrayMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "FUZZ", "get"];
    private static readonly string[] LoginEmails = ["nobody@example.com", "NOBODY@example.com", "ghost@example.com"];

    private readonly int seed;
    private readonly FuzzWorld world;
    private readonly FuzzTarget intake;
    private readonly FuzzTarget[] preflights;
    private readonly FuzzTarget[] readBacks;
    private readonly FuzzTarget[] logins;
    private readonly FuzzTarget[] others;
    private readonly ILookup<string, string> methodsByRoute;

    public RequestGenerator(int seed, FuzzWorld world, IReadOnlyList<FuzzTarget> targets)
    {
        this.seed = seed;
        this.world = world;
        intake = targets.Single(t => t.Route == LeadIntakeApi.Path && t.Method == HttpMethods.Post);
        preflights = [.. targets.Where(t => t.Route == LeadIntakeApi.Path && t.Method == HttpMethods.Options)];
        readBacks = [.. targets.Where(t => t.Route.StartsWith(LeadsApi.Path + "/", StringComparison.Ordinal))];
        logins = [.. targets.Where(t => t.Route == AuthApi.LoginPath)];
        others = [.. targets.Except([intake, .. preflights, .. readBacks, .. logins])];
        methodsByRoute = targets.ToLookup(t => t.Route, t => t.Method, StringComparer.Ordinal);
    }

    public FuzzRequest Create(int index)
    {
        var random = new Random(Mix(seed, index));
        var roll = random.NextDouble();
        var target = roll < 0.30 ? intake
            : roll < 0.35 ? random.Pick(preflights)
            : roll < 0.40 ? random.Pick(readBacks)
            : roll < 0.43 ? random.Pick(logins)
            : roll < 0.46 ? null
            : random.Pick(others);
        var request = target is null ? Stray(index, random) : Aimed(index, random, target);

        // One address per request, so per-IP limits rarely stop one before validation; 3% share one, to meet those limits too.
        request.Headers.Insert(0, new("X-Forwarded-For", random.Chance(0.03) ? "10.250.0.1" : Address(index)));
        if (random.Chance(0.12))
        {
            HeaderAbuse.Apply(request, random);
        }

        if (request.Body is { Length: > 0 } && random.Chance(0.05))
        {
            request.Chunked = true;
            request.Mutations.Add("chunked, no length");
        }

        // Kestrel refuses, before any application code runs, a request line over 8 KB, a path that decodes to a NUL, and
        // more than 100 headers or 32 KB of them (with a margin here for the headers HttpClient adds).
        var path = request.PathAndQuery.Split('?')[0];
        var headerBytes = request.Headers.Sum(h => h.Key.Length + h.Value.Length + 4);
        request.BreaksHttp |= request.PathAndQuery.Length > 8_000 || path.Contains("%00", StringComparison.Ordinal)
            || request.Headers.Count > 95 || headerBytes > 30_000;
        return request;
    }

    private FuzzRequest Aimed(int index, Random random, FuzzTarget target)
    {
        var request = new FuzzRequest { Index = index, Target = target, Method = target.Method, PathAndQuery = "" };
        Callers.Apply(request, random, world, target.Access);
        request.PathAndQuery = RouteValues.Path(target, random, world, request.Caller, request.Mutations);
        if (target == intake)
        {
            LeadPosts.Fill(request, random, world);
            return request;
        }

        if (random.Chance(0.35))
        {
            request.PathAndQuery = QueryStrings.Append(request.PathAndQuery, random, world, request.Mutations);
        }

        if (preflights.Contains(target))
        {
            Preflight(request, random);
        }
        else if (readBacks.Contains(target))
        {
            ReadBack(request, random);
        }

        if (target.Body is { } shape)
        {
            var members = shape.Fields.Select(field => (field.Name, Plausible(field, random, index, target))).ToList();
            request.Body = JsonBodies.Create(random, members, request.Mutations);
            request.ContentType = ContentTypes.ForJson(random, request.Mutations);
        }
        else if (random.Chance(0.05))
        {
            request.Body = Nasty.Utf8("{\"unexpected\":\"body\"}");
            request.ContentType = ContentTypes.Json;
            request.Mutations.Add("a body where none is read");
        }

        return request;
    }

    /// <summary>Sign-in aims mostly at the two real accounts and three unknown emails: all lock after five failures, so few pay a password hash.</summary>
    private string Plausible(BodyField field, Random random, int index, FuzzTarget target) =>
        target.Route == AuthApi.LoginPath && field.Name == "email"
            ? JsonSerializer.Serialize(random.NextDouble() switch
            {
                < 0.4 => world.Client.Account.Email,
                < 0.6 => world.Admin.Account.Email,
                < 0.95 => random.Pick(LoginEmails),
                _ => $"fuzz-{index}@example.com",
            })
            : PlausibleValues.Json(field, random, index, world);

    private void Preflight(FuzzRequest request, Random random)
    {
        var client = random.Pick(world.IntakeClients);
        var key = random.NextDouble() switch
        {
            < 0.6 => client.FormKey,
            < 0.7 => client.ApiKey,
            < 0.9 => random.Pick(Nasty.PercentEncoded),
            _ => null,
        };
        if (key is not null)
        {
            request.PathAndQuery += (request.PathAndQuery.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "key=" + key;
        }

        request.Headers.Add(new("Origin", random.Chance(0.7) ? FuzzWorld.AllowedOrigin : "https://evil.example.com"));
        request.Headers.Add(new("Access-Control-Request-Method", random.Chance(0.8) ? "POST" : "DELETE"));
        request.Headers.Add(new("Access-Control-Request-Headers", random.Chance(0.8) ? "content-type" : new string('h', 2_000)));
    }

    private void ReadBack(FuzzRequest request, Random random)
    {
        if (random.Chance(0.4))
        {
            // The one lead a read-back can find: the first intake client's, with its secret key (the rest are 401 or 404).
            request.PathAndQuery = $"{LeadsApi.Path}/{world.ReadBackLeadId}" + (request.PathAndQuery.Contains('?', StringComparison.Ordinal)
                ? request.PathAndQuery[request.PathAndQuery.IndexOf('?', StringComparison.Ordinal)..]
                : "");
            request.Headers.Add(new(LeadIntakeApi.ApiKeyHeader, world.IntakeClients[0].ApiKey));
            return;
        }

        var client = random.Pick(world.IntakeClients);
        var key = random.NextDouble() switch
        {
            < 0.6 => client.ApiKey,
            < 0.7 => client.FormKey,
            < 0.9 => "avk_" + Callers.RandomToken(random, 40),
            _ => null,
        };
        if (key is not null)
        {
            request.Headers.Add(new(LeadIntakeApi.ApiKeyHeader, key));
        }
    }

    private FuzzRequest Stray(int index, Random random)
    {
        if (random.Chance(0.5))
        {
            var path = random.Pick(StrayPaths);
            var unknown = new FuzzRequest { Index = index, Method = random.Pick(StrayMethods), PathAndQuery = path };
            unknown.Mutations.Add("unknown route");
            Callers.Apply(unknown, random, world, FuzzAccess.Anonymous);
            return unknown;
        }

        // A route the API has, with a method it does not take: 405.
        var route = random.Pick(methodsByRoute.Select(g => g.Key).ToList());
        var method = random.Pick(StrayMethods.Where(m => !methodsByRoute[route].Contains(m, StringComparer.OrdinalIgnoreCase)).ToList());
        var literal = route.Replace(":guid", "", StringComparison.Ordinal)
            .Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);
        var stray = new FuzzRequest { Index = index, Method = method, PathAndQuery = literal };
        stray.Mutations.Add($"method {method} on {route}");
        Callers.Apply(stray, random, world, FuzzAccess.Session);
        return stray;
    }

    private static string Address(int index) => string.Create(
        CultureInfo.InvariantCulture, $"10.{100 + ((index >> 16) & 127)}.{(index >> 8) & 255}.{index & 255}");

    /// <summary>A seed per request from the run's seed and its number (SplitMix64's finaliser: neighbours get unrelated streams).</summary>
    private static int Mix(int seed, int index)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
