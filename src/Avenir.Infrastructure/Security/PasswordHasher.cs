using System.Globalization;
using System.Security.Cryptography;

namespace Avenir.Infrastructure.Security;

/// <summary>
/// Password hashes in the format <c>pbkdf2-sha512$iterations$salt$hash</c> (base64). PBKDF2-HMAC-SHA512 at
/// 210,000 iterations is the OWASP ASVS 5 floor; the iteration count is stored per hash so it can be raised
/// later without invalidating existing passwords.
/// </summary>
public static class PasswordHasher
{
    public const int Iterations = 210_000;
    private const string Algorithm = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Join('$', Algorithm, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>
    /// Whether <paramref name="value"/> has this format (the client's grain stores only hashes, made by the API: a
    /// password never crosses the grain boundary in clear, so the grain checks it was given a hash).
    /// </summary>
    public static bool IsHash(string value)
    {
        var parts = value.Split('$');
        return parts.Length == 4 && parts[0] == Algorithm
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) && iterations >= Iterations
            && IsBase64(parts[2], SaltBytes) && IsBase64(parts[3], HashBytes);
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool IsBase64(string text, int bytes)
    {
        var buffer = new byte[bytes + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) && written == bytes;
    }
}
