using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>
/// Short-lived signed tokens that let the server's own Chromium open the print view of one
/// diagnosis without a sign-in cookie. A token names the diagnosis, the operator and the company,
/// so it opens exactly one page and the print view still runs under that company's tenant.
/// </summary>
public sealed class PrintTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(2);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Mamori.Diagnosis.Print.v1").ToTimeLimitedDataProtector();

    public string Create(int diagnosisId, int operatorId, int companyId) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{diagnosisId}:{operatorId}:{companyId}"), clock.GetUtcNow().Add(s_lifetime));

    /// <returns>The operator and company the token was made for, or null when it is invalid, expired or for another diagnosis.</returns>
    public (int OperatorId, int CompanyId)? Read(string? token, int diagnosisId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token, out var expiration).Split(':');
            if (expiration < clock.GetUtcNow() || parts.Length != 3 || parts[0] != diagnosisId.ToString(CultureInfo.InvariantCulture))
            {
                return null;
            }

            return (int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
