using System.Globalization;
using System.Text;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// A JSON object body, built as bytes so it can be anything from a valid request to a value of the wrong type, an
/// escaped NUL, a lone surrogate, bytes that are not UTF-8, a 100,000-deep nesting or not JSON at all.
/// </summary>
public static class JsonBodies
{
    /// <summary>A little over Kestrel's 1 MB body limit (Program.cs): the one size every endpoint must refuse whole.</summary>
    public const int OverKestrelLimit = 1024 * 1024 + 64 * 1024;

    private static readonly int[] MutationCounts = [0, 1, 1, 1, 2, 2, 3, 4];
    private static readonly int[] ExtraFieldCounts = [5, 49, 51, 200, 2_000];

    private static readonly string[] BadKeys =
    [
        """ "\u0000" """, """ "em\u0000ail" """, """ "\ud800" """, """ "" """, """ " " """, """ "__proto__" """, """ "$type" """,
        """ "constructor" """, """ "email " """, """ "EMAIL" """, """ "\u202eliame" """, """ "key\n" """,
    ];

    private static readonly string[] Bodies =
    [
        "", " ", "null", "[]", "[{}]", "\"text\"", "123", "true", "{", "}", "{\"a\":}", "{,}", "{\"a\":1,}", "{\"a\":1}{\"b\":2}",
        "{} trailing", "/*comment*/{}", "{\"a\" 1}", "{'a':1}", "{\"a\":1}\u0000", "\u0000", "{\"a\":\"\\u0000\"}", "[\"\\ud800\"]",
    ];

    private sealed record Member(byte[] Key, byte[] Value);

    /// <summary>The body after 0 to 4 mutations of its members and, now and then, of its frame; each named in <paramref name="mutations"/>.</summary>
    public static byte[] Create(Random random, IReadOnlyList<(string Name, string Json)> plausible, List<string> mutations)
    {
        var members = plausible.Select(m => new Member(Nasty.Utf8(Quote(m.Name)), Nasty.Utf8(m.Json))).ToList();
        var count = random.Pick(MutationCounts);
        for (var i = 0; i < count; i++)
        {
            Mutate(random, members, mutations);
        }

        return random.Chance(0.08) ? Frame(random, members, mutations) : Assemble(members);
    }

    /// <summary>Appends a member after the mutations (the honeypot: it must reach the server as written); null when the body is not an object.</summary>
    public static byte[]? WithMember(byte[] body, string name, string json)
    {
        if (body.Length < 2 || body[0] != (byte)'{' || body[^1] != (byte)'}')
        {
            return null;
        }

        var member = Nasty.Utf8((body.Length > 2 ? "," : "") + Quote(name) + ":" + json + "}");
        return [.. body.AsSpan(0, body.Length - 1), .. member];
    }

    private static void Mutate(Random random, List<Member> members, List<string> mutations)
    {
        if (members.Count == 0)
        {
            members.Add(new Member(Nasty.Utf8(Quote("field")), Nasty.Utf8("\"value\"")));
        }

        var at = random.Next(members.Count);
        var name = Encoding.UTF8.GetString(members[at].Key);
        switch (random.Next(12))
        {
            case 0:
                members.RemoveAt(at);
                mutations.Add($"missing {name}");
                break;
            case 1:
                members[at] = members[at] with { Value = Nasty.Utf8(random.Pick(Nasty.WrongTypes)) };
                mutations.Add($"wrong type {name}");
                break;
            case 2:
                members[at] = members[at] with { Value = Nasty.Utf8(random.Pick(Nasty.NotJson)) };
                mutations.Add($"not JSON {name}");
                break;
            case 3 or 4:
                members[at] = members[at] with { Value = Nasty.Utf8(random.Pick(Nasty.JsonStrings).Trim()) };
                mutations.Add($"nasty text {name}");
                break;
            case 5:
                members[at] = members[at] with { Value = [(byte)'"', (byte)'x', .. random.Pick(Nasty.Bytes), (byte)'y', (byte)'"'] };
                mutations.Add($"raw bytes {name}");
                break;
            case 6:
                var length = random.Chance(0.02) ? OverKestrelLimit : random.Pick(Nasty.Lengths);
                members[at] = members[at] with { Value = Nasty.Utf8(Nasty.HugeJsonString(random, length)) };
                mutations.Add($"huge {name} ({length.ToString(CultureInfo.InvariantCulture)} characters)");
                break;
            case 7:
                var depth = Nasty.Depth(random);
                members[at] = members[at] with { Value = Nasty.Utf8(Nasty.Deep(random, depth)) };
                mutations.Add($"deep {name} ({depth.ToString(CultureInfo.InvariantCulture)})");
                break;
            case 8:
                members.Insert(random.Next(members.Count + 1), members[at] with { Value = Nasty.Utf8(random.Pick(Nasty.JsonStrings).Trim()) });
                mutations.Add($"duplicate {name}");
                break;
            case 9:
                members[at] = members[at] with { Key = random.Chance(0.2) ? [(byte)'"', .. random.Pick(Nasty.Bytes), (byte)'"'] : Nasty.Utf8(BadKey(random)) };
                mutations.Add($"bad key for {name}");
                break;
            case 10:
                var extra = random.Pick(ExtraFieldCounts);
                members.AddRange(Enumerable.Range(0, extra).Select(i => new Member(Nasty.Utf8(Quote($"extra_{i}")), Nasty.Utf8("\"x\""))));
                mutations.Add($"{extra.ToString(CultureInfo.InvariantCulture)} extra fields");
                break;
            default:
                members.Add(new Member(Nasty.Utf8(Quote("list")), Nasty.Utf8("[" + string.Join(',', Enumerable.Repeat("\"x\"", 20_000)) + "]")));
                mutations.Add("array of 20,000 items");
                break;
        }
    }

    private static string BadKey(Random random) => random.NextDouble() switch
    {
        < 0.1 => "\"" + new string('k', 3_000) + "\"",
        < 0.2 => "\"" + string.Concat(Enumerable.Repeat("😀", 80)) + "\"", // a long name whose shortened form must not split a pair
        _ => random.Pick(BadKeys).Trim(),
    };

    private static byte[] Frame(Random random, List<Member> members, List<string> mutations)
    {
        var body = Assemble(members);
        switch (random.Next(7))
        {
            case 0:
                var literal = random.Pick(Bodies);
                mutations.Add($"body {Quote(literal)}");
                return Nasty.Utf8(literal);
            case 1:
                var cut = body.Length == 0 ? 0 : random.Next(body.Length);
                mutations.Add($"cut at byte {cut.ToString(CultureInfo.InvariantCulture)}");
                return body[..cut];
            case 2:
                mutations.Add("garbage after the object");
                return [.. body, .. random.Pick(Nasty.Bytes), (byte)'x'];
            case 3:
                mutations.Add("byte order mark");
                return [0xEF, 0xBB, 0xBF, .. body];
            case 4:
                mutations.Add("UTF-16");
                return Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(body));
            case 5:
                var noise = new byte[random.Next(1, 5_000)];
                random.NextBytes(noise);
                mutations.Add($"{noise.Length.ToString(CultureInfo.InvariantCulture)} random bytes");
                return noise;
            default:
                var depth = Nasty.Depth(random);
                mutations.Add($"nested {depth.ToString(CultureInfo.InvariantCulture)} deep at the root");
                return Nasty.Utf8(Nasty.Deep(random, depth));
        }
    }

    private static byte[] Assemble(List<Member> members)
    {
        using var body = new MemoryStream();
        body.WriteByte((byte)'{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                body.WriteByte((byte)',');
            }

            body.Write(members[i].Key);
            body.WriteByte((byte)':');
            body.Write(members[i].Value);
        }

        body.WriteByte((byte)'}');
        return body.ToArray();
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
