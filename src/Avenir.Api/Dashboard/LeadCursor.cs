using System.Buffers.Binary;
using System.Buffers.Text;

namespace Avenir.Api.Dashboard;

/// <summary>
/// A keyset position in the lead list's received order: the last lead of a page (its <c>created_at</c> and id). Opaque to
/// callers: base64url of the instant's ticks (8 bytes, big-endian) and the id (16 bytes). Anything else is refused.
/// </summary>
public sealed record LeadCursor(DateTimeOffset At, Guid Id)
{
    private const int Length = 24;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, At.UtcTicks);
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The position <paramref name="text"/> encodes, or null when it is not a cursor this API gave.</summary>
    public static LeadCursor? Parse(string text)
    {
        if (text.Length != 32)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (Base64Url.DecodeFromChars(text, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != text.Length || written != Length)
        {
            return null;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            ? null
            : new LeadCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..], bigEndian: true));
    }
}
