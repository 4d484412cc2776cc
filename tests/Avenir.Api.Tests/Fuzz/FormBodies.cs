using System.Globalization;
using System.Text;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// Lead form bodies as HTML forms send them — <c>application/x-www-form-urlencoded</c> and <c>multipart/form-data</c> —
/// built as bytes so a field can hold a raw NUL, bytes that are not UTF-8, percent-escapes that decode to either, or
/// break the encoding itself (too many fields, a key over the reader's limit, a missing or wrong boundary, a cut body).
/// </summary>
public static class FormBodies
{
    private static readonly int[] MutationCounts = [0, 1, 1, 2, 2, 3];
    private static readonly int[] FieldCounts = [51, 300, 1_100];
    private static readonly string[] Junk = ["&&&", "=x", "novalue", "a=b=c", "%", ";", "&=", "%00=x", "\u0000=x"];

    /// <summary>A url-encoded body of <paramref name="fields"/>, mutated.</summary>
    /// <param name="honeypot">A field added after the mutations, so that it reaches the server as written.</param>
    public static byte[] UrlEncoded(Random random, List<(string Name, string Value)> fields, List<string> mutations, (string Name, string Value)? honeypot)
    {
        var pairs = fields.Select(f => Nasty.Utf8(Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))).ToList();
        var count = random.Pick(MutationCounts);
        for (var i = 0; i < count && pairs.Count > 0; i++)
        {
            var at = random.Next(pairs.Count);
            var name = fields.Count > at ? fields[at].Name : "field";
            switch (random.Next(8))
            {
                case 0:
                    pairs.RemoveAt(at);
                    mutations.Add($"missing {name}");
                    break;
                case 1 or 2:
                    pairs[at] = Nasty.Utf8(Uri.EscapeDataString(name) + "=" + random.Pick(Nasty.PercentEncoded));
                    mutations.Add($"percent-escaped nastiness in {name}");
                    break;
                case 3:
                    pairs[at] = [.. Nasty.Utf8(Uri.EscapeDataString(name) + "=x"), .. random.Pick(Nasty.Bytes), (byte)'y'];
                    mutations.Add($"raw bytes in {name}");
                    break;
                case 4:
                    var length = random.Pick(Nasty.Lengths);
                    pairs[at] = Nasty.Utf8(Uri.EscapeDataString(name) + "=" + string.Concat(Enumerable.Repeat(random.Chance(0.5) ? "a" : "%C3%A9", length)));
                    mutations.Add($"huge {name} ({length.ToString(CultureInfo.InvariantCulture)} characters)");
                    break;
                case 5:
                    var many = random.Pick(FieldCounts);
                    pairs.AddRange(Enumerable.Range(0, many).Select(n => Nasty.Utf8($"extra_{n}=x")));
                    mutations.Add($"{many.ToString(CultureInfo.InvariantCulture)} extra fields");
                    break;
                case 6:
                    pairs.Add(Nasty.Utf8(new string('k', random.Chance(0.5) ? 2_100 : 150) + "=x"));
                    mutations.Add("long field name");
                    break;
                default:
                    pairs.Insert(at, Nasty.Utf8(random.Pick(Junk)));
                    mutations.Add("syntax junk");
                    break;
            }
        }

        if (honeypot is { } trap)
        {
            pairs.Add(Nasty.Utf8(Uri.EscapeDataString(trap.Name) + "=" + Uri.EscapeDataString(trap.Value)));
        }

        return Join(pairs, "&"u8.ToArray());
    }

    /// <summary>A multipart body of <paramref name="fields"/>, mutated; <paramref name="contentType"/> is what the request should say it is.</summary>
    public static byte[] Multipart(
        Random random, List<(string Name, string Value)> fields, List<string> mutations, (string Name, string Value)? honeypot, out string contentType)
    {
        var boundary = "fuzz-boundary-" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
        contentType = $"multipart/form-data; boundary={boundary}";
        var parts = fields.Select(f => Part(Nasty.Utf8(f.Name), Nasty.Utf8(f.Value), "")).ToList();
        var closing = true;
        var count = random.Pick(MutationCounts);
        for (var i = 0; i < count && parts.Count > 0; i++)
        {
            var at = random.Next(parts.Count);
            var name = fields.Count > at ? fields[at].Name : "field";
            switch (random.Next(10))
            {
                case 0:
                    parts.RemoveAt(at);
                    mutations.Add($"missing part {name}");
                    break;
                case 1 or 2:
                    parts[at] = Part(Nasty.Utf8(name), [.. "x"u8, .. random.Pick(Nasty.Bytes), .. "y"u8], "");
                    mutations.Add($"raw bytes in part {name}");
                    break;
                case 3:
                    parts[at] = Part([.. "na"u8, .. random.Pick(Nasty.Bytes), .. "me"u8], Nasty.Utf8("x"), "");
                    mutations.Add("raw bytes in a part name");
                    break;
                case 4:
                    parts[at] = Part(Nasty.Utf8(name), Nasty.Utf8(new string('a', random.Pick(Nasty.Lengths))), "");
                    mutations.Add($"huge part {name}");
                    break;
                case 5:
                    var many = random.Pick(FieldCounts);
                    parts.AddRange(Enumerable.Range(0, many).Select(n => Part(Nasty.Utf8($"extra_{n}"), "x"u8.ToArray(), "")));
                    mutations.Add($"{many.ToString(CultureInfo.InvariantCulture)} extra parts");
                    break;
                case 6:
                    parts[at] = Part(Nasty.Utf8(name), Nasty.Utf8("file content"), "; filename=\"lead.txt\"\r\nContent-Type: text/plain");
                    mutations.Add($"part {name} as a file");
                    break;
                case 7:
                    parts[at] = Nasty.Utf8($"X-Part: {new string('h', random.Chance(0.5) ? 20_000 : 100)}\r\n\r\nvalue");
                    mutations.Add("part without a name, with a long header");
                    break;
                case 8:
                    closing = false;
                    mutations.Add("no closing boundary");
                    break;
                default:
                    contentType = random.Pick(BoundaryFaults(boundary));
                    mutations.Add($"content type '{contentType}'");
                    break;
            }
        }

        if (honeypot is { } trap)
        {
            parts.Insert(0, Part(Nasty.Utf8(trap.Name), Nasty.Utf8(trap.Value), ""));
        }

        var body = new List<byte>();
        foreach (var part in parts)
        {
            body.AddRange(Nasty.Utf8($"--{boundary}\r\n"));
            body.AddRange(part);
            body.AddRange("\r\n"u8.ToArray());
        }

        if (closing)
        {
            body.AddRange(Nasty.Utf8($"--{boundary}--\r\n"));
        }

        return [.. body];
    }

    private static string[] BoundaryFaults(string boundary) =>
    [
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=other", $"multipart/form-data; boundary={new string('b', 100)}",
        $"multipart/form-data; boundary=\"{boundary}", $"multipart/mixed; boundary={boundary}", $"multipart/form-data; boundary={boundary}; charset=utf-16",
    ];

    private static byte[] Part(byte[] name, byte[] value, string disposition) =>
        [.. "Content-Disposition: form-data; name=\""u8, .. name, .. "\""u8, .. Nasty.Utf8(disposition), .. "\r\n\r\n"u8, .. value];

    private static byte[] Join(List<byte[]> pieces, byte[] separator)
    {
        using var body = new MemoryStream();
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0)
            {
                body.Write(separator);
            }

            body.Write(pieces[i]);
        }

        return body.ToArray();
    }
}
