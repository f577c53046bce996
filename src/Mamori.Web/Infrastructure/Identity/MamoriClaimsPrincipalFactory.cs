using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Infrastructure.Identity;

/// <summary>Puts the user's tenant keys into the sign-in cookie, where <see cref="Tenancy.TenantContext"/> reads them.</summary>
internal sealed class MamoriClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(MamoriClaimTypes.DisplayName, user.DisplayName));
        AddId(identity, MamoriClaimTypes.OperatorId, user.OperatorId);
        AddId(identity, MamoriClaimTypes.CompanyId, user.CompanyId);
        AddId(identity, MamoriClaimTypes.VendorId, user.VendorId);
        return identity;
    }

    private static void AddId(ClaimsIdentity identity, string type, int? id)
    {
        if (id is { } value)
        {
            identity.AddClaim(new Claim(type, value.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
