using System.Text.Json;
using Avenir.Api.Leads;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// <c>POST /api/lead</c> as websites, scripts and bots send it: JSON, url-encoded or multipart; the secret key in its
/// header, or the form key in the header, the query or a field, with an allowed origin or not; bad keys; Accept
/// JSON or not (a plain form post is answered 303); an Idempotency-Key fresh, reused or malformed; now and then the
/// honeypot. Every post has its own address and email, and is tagged in its User-Agent for the ledger.
/// </summary>
public static class LeadPosts
{
    private static readonly string[] BadKeys =
        ["avk_0000000000000000000000000000", "fk_garbage", "", " ", "\t", "null", "%00", new string('k', 5_000), "key with spaces"];
    private static readonly string[] BadOrigins = ["https://evil.example.com", "null", "ht!tp://x", "https://fuzz-site.example.com.evil.example", "*"];
    private static readonly string[] Redirects =
        [$"{FuzzWorld.AllowedOrigin}/merci", "https://evil.example.com/phish", "javascript:alert(1)", "//evil.example.com", "%00"];

    private static readonly string[] BadIdempotencyKeys = ["has space", new string('i', 256), "tab\there", "é", "", "\u007f"];

    public static void Fill(FuzzRequest request, Random random, FuzzWorld world)
    {
        // Now and then the same lead as an earlier post (a double click, a resent form): a duplicate if that one was stored.
        var index = random.Chance(0.04) ? Math.Max(0, request.Index - random.Next(1, 30)) : request.Index;
        if (index != request.Index)
        {
            request.Mutations.Add($"the lead of #{index} again");
        }

        var client = world.IntakeClients[index % world.IntakeClients.Count]; // a resent lead goes to the same client
        var fields = new List<(string Name, string Value)>
        {
            ("name", $"Fuzz Person {index}"),
            ("email", $"fuzz-{index}@example.com"),
            ("message", $"Fuzz lead {index}: could you send me a quote for the work we discussed?"),
            ("phone", "438-555-0199"),
            ("company", "Fuzz Inc."),
            ("utm_source", "fuzz"),
        };
        if (random.Chance(0.3))
        {
            fields.Add(("language", random.Chance(0.8) ? "fr" : "klingon"));
        }

        var validClient = PlaceKey(request, random, client, fields);
        if (random.Chance(0.1))
        {
            fields.Add(("_redirect", random.Pick(Redirects)));
        }

        // The honeypot goes in after the mutations, so a post that springs it is known to have: nothing may be stored for it.
        (string Name, string Value)? trap = random.Chance(0.03)
            ? (random.Chance(0.7) ? IntakeHoneypot.FieldName : IntakeHoneypot.AlternateFieldName, "I am a bot")
            : null;
        var encoding = random.NextDouble();
        if (encoding < 0.55)
        {
            var body = JsonBodies.Create(random, [.. fields.Select(f => (f.Name, JsonSerializer.Serialize(f.Value)))], request.Mutations);
            var trapped = trap is { } t ? JsonBodies.WithMember(body, t.Name, JsonSerializer.Serialize(t.Value)) : null;
            trap = trapped is null ? null : trap; // a body that is no longer an object cannot carry it
            request.Body = trapped ?? body;
            request.ContentType = ContentTypes.ForJson(random, request.Mutations);
        }
        else
        {
            if (encoding < 0.78)
            {
                request.Body = FormBodies.UrlEncoded(random, fields, request.Mutations, trap);
                request.ContentType = random.Chance(0.95) ? "application/x-www-form-urlencoded" : "application/x-www-form-urlencoded; charset=utf-16";
            }
            else
            {
                request.Body = FormBodies.Multipart(random, fields, request.Mutations, trap, out var contentType);
                request.ContentType = contentType;
            }

            if (random.Chance(0.85))
            {
                request.Headers.Add(new("Accept", "application/json")); // else a plain form post: 303 to the thank-you page
            }
        }

        Idempotency(request, random);
        var tag = $"avenir-fuzz/{request.Index}";
        request.Headers.Add(new("User-Agent", random.Chance(0.05) ? tag + " " + new string('u', 3_000) : tag));
        request.Lead = new LeadPost(validClient ? client.ClientId : null, tag, trap is not null);
    }

    /// <summary>Puts a key where websites and attackers put one; true when it is a key intake should take (and from where it should take it).</summary>
    private static bool PlaceKey(FuzzRequest request, Random random, IntakeClient client, List<(string Name, string Value)> fields)
    {
        var roll = random.NextDouble();
        if (roll < 0.38)
        {
            request.Headers.Add(new(LeadIntakeApi.ApiKeyHeader, client.ApiKey));
            return !random.Chance(0.1) || Origin(request, random, allowed: random.Chance(0.5)) != OriginSent.Foreign;
        }

        if (roll < 0.72)
        {
            var where = random.Next(3);
            if (where == 0)
            {
                request.Headers.Add(new(LeadIntakeApi.ApiKeyHeader, client.FormKey));
            }
            else if (where == 1)
            {
                request.PathAndQuery += "?key=" + Uri.EscapeDataString(client.FormKey);
            }
            else
            {
                fields.Insert(0, (random.Chance(0.5) ? "key" : "form_key", client.FormKey));
            }

            return Origin(request, random, allowed: random.Chance(0.85)) == OriginSent.Allowed;
        }

        if (roll < 0.78)
        {
            // The secret key where it must never go: refused (400), nothing stored.
            if (random.Chance(0.5))
            {
                request.PathAndQuery += "?key=" + Uri.EscapeDataString(client.ApiKey);
            }
            else
            {
                fields.Insert(0, ("key", client.ApiKey));
            }

            request.Mutations.Add("secret key outside its header");
            return false;
        }

        if (roll < 0.95)
        {
            var bad = random.Pick(BadKeys);
            switch (random.Next(3))
            {
                case 0 when bad.Length > 0 && bad.Trim().Length > 0 && !bad.Contains('%', StringComparison.Ordinal):
                    request.Headers.Add(new(LeadIntakeApi.ApiKeyHeader, bad));
                    break;
                case 1:
                    request.PathAndQuery += "?key=" + (bad.Contains('%', StringComparison.Ordinal) ? bad : Uri.EscapeDataString(bad));
                    break;
                default:
                    fields.Insert(0, ("key", bad));
                    break;
            }

            Origin(request, random, allowed: true);
            request.Mutations.Add($"bad key '{Callers.Shorten(bad)}'");
            return false;
        }

        request.Mutations.Add("no key");
        return false;
    }

    private enum OriginSent
    {
        Allowed,
        None,
        Foreign,
    }

    private static OriginSent Origin(FuzzRequest request, Random random, bool allowed)
    {
        if (allowed)
        {
            request.Headers.Add(random.Chance(0.9) ? new("Origin", FuzzWorld.AllowedOrigin) : new("Referer", FuzzWorld.AllowedOrigin + "/contact"));
            return OriginSent.Allowed;
        }

        if (random.Chance(0.3))
        {
            request.Mutations.Add("no origin");
            return OriginSent.None;
        }

        var origin = random.Pick(BadOrigins);
        request.Headers.Add(new("Origin", origin));
        request.Mutations.Add($"foreign origin '{origin}'");

        // Browsers send "null" from sandboxed and file pages: intake reads it as no origin at all.
        return origin == "null" ? OriginSent.None : OriginSent.Foreign;
    }

    private static void Idempotency(FuzzRequest request, Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.45)
        {
            request.Headers.Add(new(LeadIntakeApi.IdempotencyKeyHeader, $"fuzz-{request.Index}"));
        }
        else if (roll < 0.55)
        {
            // The key of an earlier post, with another body: 422, or a replay when that post was refused before storing.
            request.Headers.Add(new(LeadIntakeApi.IdempotencyKeyHeader, $"fuzz-{Math.Max(0, request.Index - random.Next(1, 50))}"));
            request.Mutations.Add("reused Idempotency-Key");
        }
        else if (roll < 0.63)
        {
            var bad = random.Pick(BadIdempotencyKeys);
            request.Headers.Add(new(LeadIntakeApi.IdempotencyKeyHeader, bad));
            request.Mutations.Add($"Idempotency-Key '{Callers.Shorten(bad)}'");
            request.BreaksHttp |= bad.Any(c => c > '~');
        }
    }
}
