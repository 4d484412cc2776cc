using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Avenir.Grains.Outreach.Sending;

/// <summary>
/// The random extra delay after a send, drawn from a hash of the mailbox and the send's instant. Drawing it this way
/// instead of from <see cref="Random"/> keeps the limiter pure: asking twice (a retry, another silo after a grain
/// moved) gives the same answer, so polling cannot shop for a short delay, and nothing but the send instants is stored.
/// </summary>
public static class SpacingJitter
{
    public static TimeSpan For(string mailboxId, DateTimeOffset sentAt, TimeSpan maximum)
    {
        ArgumentNullException.ThrowIfNull(mailboxId);
        if (maximum <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{mailboxId}|{sentAt.UtcTicks}")), hash);
        var fraction = (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53)); // uniform in [0, 1)
        return TimeSpan.FromTicks((long)(fraction * maximum.Ticks));
    }
}
