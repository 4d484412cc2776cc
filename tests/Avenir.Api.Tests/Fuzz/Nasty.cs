using System.Text;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// The hostile values the generator draws from: JSON string literals that are valid JSON but nasty text (escaped NUL,
/// lone surrogates, control and bidi characters, injections), byte sequences that are not UTF-8 or not JSON at all,
/// values of the wrong JSON type, and sizes around every limit the API declares (200, 1,000, 2,000, 20,000 characters,
/// the 16 KB intake body of the test fixture, the 1 MB Kestrel body).
/// </summary>
public static class Nasty
{
    /// <summary>Well-formed JSON strings whose content the API must refuse (400) or store unharmed.</summary>
    public static readonly string[] JsonStrings =
    [
        """ "\u0000" """, """ "abc\u0000def" """, """ "\u0000\u0000\u0000" """, """ "x@example.com\u0000" """,
        """ "\ud800" """, """ "\udfff" """, """ "x\ud800y" """, """ "\udc00\ud800" """, """ "\ud800\u0041" """,
        """ "\u0001\u0002\u001f\u007f" """, """ "\u202e\u2066evil" """, """ "\ufeff" """, """ "\uffff\ufffe" """, """ "\u200b" """,
        """ "\ud83d\ude00 emoji" """, """ "e\u0301\u0301\u0301" """, """ "\r\n\r\nX-Injected: 1" """, """ "\t" """,
        """ "" """, """ " " """, """ "<script>alert(1)</script>" """, """ "' OR 1=1 --" """, """ "%00" """, """ "%ED%A0%80" """,
        """ "${jndi:ldap://x/a}" """, """ "{{7*7}}" """, """ "../../../../etc/passwd" """, """ "\\" """, """ "\"" """,
        """ "NaN" """, """ "null" """, """ "true" """, """ "-1" """, """ "1e309" """, """ "2026-02-30" """,
        """ "https://\u0000.example.com" """, """ "javascript:alert(1)" """, """ "http://[::1" """, """ "mailto:a@b.c" """,
    ];

    /// <summary>Well-formed JSON values of every type, to put where another type is expected.</summary>
    public static readonly string[] WrongTypes =
    [
        "0", "-1", "1.5", "1e309", "-1e309", "123456789012345678901234567890", "0.0000000000000000000000000001", "-0",
        "true", "false", "null", "[]", "{}", "[\"a\"]", "[1,2,3]", "{\"a\":\"b\"}", "[null]", "[[]]", "\"12\"", "\"true\"", "\"\"",
    ];

    /// <summary>Tokens that are not JSON at all.</summary>
    public static readonly string[] NotJson =
    [
        "NaN", "Infinity", "-Infinity", "undefined", "'single'", "01", "+1", ".5", "tru", "nul", "0x10", "1_000", "\"unterminated",
        "\"bad \\x escape\"", "\"short \\u12\"", "\"\\uZZZZ\"", "\"raw\nnewline\"", "\"raw\ttab\"", "[1,]", "{\"a\"}", "{\"a\":}", "[", "]",
    ];

    /// <summary>Byte sequences that are not UTF-8 (or are UTF-8 of what JSON forbids raw), to put inside a JSON string or a form.</summary>
    public static readonly byte[][] Bytes =
    [
        [0x00], [0x61, 0x00, 0x62], [0xFF], [0xFE, 0xFF], [0xC0, 0x80], [0xC1, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xBF, 0xBF], [0x1B], [0x7F],
        [0xEF, 0xBB, 0xBF], [0xE0, 0x80, 0xAF],
    ];

    /// <summary>Percent-encoded text that decodes to NUL, to invalid UTF-8, or is not valid percent-encoding.</summary>
    public static readonly string[] PercentEncoded =
    [
        "%00", "a%00b", "%00%00", "%ED%A0%80", "%ED%BF%BF", "%FF", "%FE%FF", "%C0%80", "%C0%AF", "%F4%90%80%80", "%E2%82",
        "%zz", "%", "%0", "%%", "%u0000", "%uD800", "%0D%0A", "%1B%5B31m", "%2e%2e%2f", "+", "%2B", "%20%20",
    ];

    /// <summary>Lengths just past the limits the endpoints check, and far past them.</summary>
    public static readonly int[] Lengths = [51, 101, 201, 255, 256, 321, 999, 1001, 2001, 10_001, 20_001, 65_000, 200_000];

    /// <summary>What a huge text is made of: one byte, two-byte, three-byte and four-byte UTF-8, and escapes that expand.</summary>
    public static readonly string[] Fillers = ["a", "é", "€", "😀", "\\u0041", "\\n", " "];

    public static T Pick<T>(this Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A JSON string literal of <paramref name="length"/> repetitions of a filler (raw, so escapes count as one character each).</summary>
    public static string HugeJsonString(Random random, int length)
    {
        var filler = random.Pick(Fillers);
        var builder = new StringBuilder(length * filler.Length + 2).Append('"');
        for (var i = 0; i < length; i++)
        {
            builder.Append(filler);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Arrays or objects nested <paramref name="depth"/> deep (System.Text.Json refuses more than 64 by default).</summary>
    public static string Deep(Random random, int depth) => random.Chance(0.5)
        ? new string('[', depth) + "1" + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    public static int Depth(Random random) => random.Pick(Depths);

    private static readonly int[] Depths = [63, 64, 65, 66, 200, 1_000, 20_000, 100_000];
}
