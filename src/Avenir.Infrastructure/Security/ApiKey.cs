using System.Security.Cryptography;
using System.Text;

namespace Avenir.Infrastructure.Security;

/// <summary>
/// Client API keys: 160 random bits (≥128 required), shown once, stored only as a SHA-256 hash with a
/// short visible prefix so people can tell their keys apart. A fast hash is right here (unlike passwords):
/// the key is already high-entropy, and intake must verify it on every lead.
/// </summary>
public static class ApiKey
{
    private const string Scheme = "avk_";
    private const int PrefixLength = 12;

    /// <summary>A new random key, e.g. <c>avk_3J5t…</c> (base64url, 20 random bytes).</summary>
    public static string Generate() =>
        Scheme + Base64Url(RandomNumberGenerator.GetBytes(20));

    /// <summary>Lower-case hex SHA-256 of the key, as stored in <c>clients.api_key_hash</c>.</summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The part of a key that may be shown and logged.</summary>
    public static string Prefix(string key) => key.Length <= PrefixLength ? key[..Math.Min(4, key.Length)] : key[..PrefixLength];

    /// <summary>What the client's grain stores of a key: its hash and its prefix (the key itself never reaches a grain).</summary>
    public static (string Hash, string Prefix) Digest(string key) => (Hash(key), Prefix(key));

    /// <summary>A key masked for logs: its prefix, then asterisks.</summary>
    public static string Mask(string key) => Prefix(key) + "****";

    /// <summary>Constant-time comparison of a presented key with a stored hash.</summary>
    public static bool Matches(string presentedKey, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(presentedKey)),
            Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
