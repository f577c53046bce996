using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Home.Pages;

/// <summary>Sends each role to its own home page.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(HomeOf(User));

    public static string HomeOf(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Operator) ? "/operator"
            : user.IsInRole(Roles.Analyst) ? "/analyst"
            : user.IsInRole(Roles.Advisor) ? "/advisor"
            : user.IsInRole(Roles.Member) ? "/my-company"
            : user.IsInRole(Roles.Vendor) ? "/vendor"
            : "/error/403";
    }
}
