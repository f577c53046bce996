using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mamori.Web.Features.Ingest;

/// <summary>
/// Enrolment codes and credentials. Both are random with at least 100 bits, so a plain SHA-256 is
/// enough to store them: nobody can guess one from its hash, and checking costs microseconds per batch.
/// </summary>
public static class SensorSecrets
{
    // Crockford-like alphabet without 0/O, 1/I/L, U: easy to read off a printed sheet and type.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new enrolment code: 20 characters (about 98 bits) in groups of five, e.g. <c>7KQ2M-...</c>.</summary>
    public static string NewEnrollmentCode()
    {
        var chars = new char[23];
        var position = 0;
        for (var i = 0; i < 20; i++)
        {
            if (i > 0 && i % 5 == 0)
            {
                chars[position++] = '-';
            }

            chars[position++] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>Upper-case, without separators and spaces, so "7kq2m 4..." typed by hand still matches.</summary>
    public static string NormalizeCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var builder = new StringBuilder(code.Length);
        foreach (var c in code)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    public static string HashCode(string code) => Hash(NormalizeCode(code));

    /// <summary>A new secret: 32 random bytes, base64url.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Credential(int sensorId, string secret) =>
        string.Create(CultureInfo.InvariantCulture, $"{sensorId}.{secret}");

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Splits <c>Bearer {sensorId}.{secret}</c>; false when the header is not of that shape.</summary>
    public static bool TryParseBearer(string? authorization, out int sensorId, out string secret)
    {
        sensorId = 0;
        secret = "";
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var credential = authorization.AsSpan(7).Trim();
        var dot = credential.IndexOf('.');
        if (dot <= 0 || dot == credential.Length - 1 || credential.Length > 200
            || !int.TryParse(credential[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out sensorId))
        {
            return false;
        }

        secret = credential[(dot + 1)..].ToString();
        return true;
    }

    /// <summary>
    /// The rate-limit partition of a request: the sensor id together with a digest of the presented secret,
    /// so that requests forging a sensor's id with a wrong secret fill their own bucket, never the real sensor's.
    /// Null when the header is not a sensor credential.
    /// </summary>
    public static string? RateLimitKeyOf(string? authorization) =>
        TryParseBearer(authorization, out var id, out var secret)
            ? string.Create(CultureInfo.InvariantCulture, $"{id}:{Hash(secret)[..16]}")
            : null;

    /// <summary>Compares a secret with a stored hash in constant time.</summary>
    public static bool Matches(string secret, string storedHash)
    {
        var actual = Encoding.ASCII.GetBytes(Hash(secret));
        var expected = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
