using Avenir.Infrastructure.Security;

namespace Avenir.Grains.Clients;

/// <summary>
/// The client's grain stores only digests made by the API: a key's SHA-256 and prefix, a password's PBKDF2 hash. It
/// refuses anything that does not look like one, so a plaintext secret sent by mistake is never stored.
/// </summary>
internal static class ClientSecrets
{
    public static void Check(ApiKeyDigest? key, string? passwordHash)
    {
        if (key is not null && (key.Hash.Length != 64 || !key.Hash.All(char.IsAsciiHexDigitLower) || key.Prefix.Length is < 4 or > 32))
        {
            throw new ArgumentException("An API key is given to the client's grain as its SHA-256 (lower-case hex) and prefix.", nameof(key));
        }

        if (passwordHash is not null && !PasswordHasher.IsHash(passwordHash))
        {
            throw new ArgumentException("A password is given to the client's grain as its PBKDF2 hash, never in clear.", nameof(passwordHash));
        }
    }
}
