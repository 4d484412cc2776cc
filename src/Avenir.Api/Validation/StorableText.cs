namespace Avenir.Api.Validation;

/// <summary>
/// Text PostgreSQL can store. A <c>text</c> value cannot hold a NUL character (SQLSTATE 22021), and a lone UTF-16
/// surrogate has no UTF-8 form at all (Npgsql cannot send it; <c>jsonb</c> refuses its escape, 22P05). Checked where a
/// request's text comes in — JSON strings, lead form fields, query strings — so such text is a 400 naming its field,
/// never a failed transaction (which for intake also sends a whole group commit down the one-lead-at-a-time path).
/// </summary>
public static class StorableText
{
    /// <summary>What an answer says of a field whose text is refused ("'message' contains …").</summary>
    public const string Refusal = "contains a NUL character, a lone surrogate or bytes that are not UTF-8: text that cannot be stored";

    public static bool IsStorable(string? text) => text is null || IsStorable(text.AsSpan());

    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        // The common case — no NUL, no surrogate at all — in two vectorised scans.
        if (!text.Contains('\0') && !text.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\0' || char.IsLowSurrogate(text[i]))
            {
                return false;
            }

            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++; // a well-formed pair: one character outside the BMP
            }
        }

        return true;
    }
}
