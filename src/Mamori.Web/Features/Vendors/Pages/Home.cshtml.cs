using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Vendors.Pages;

/// <summary>A vendor's home: its own record (the query filter shows no other vendor).</summary>
[Authorize(Policy = Policies.Vendor)]
public sealed class HomeModel(AppDbContext db) : PageModel
{
    public Vendor? Vendor { get; private set; }

    /// <summary>Dispatches offered to or accepted by this vendor (the tenancy filter shows no other).</summary>
    public int OpenDispatches { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Vendor = await db.Vendors.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        OpenDispatches = await db.Dispatches.CountAsync(d => d.Status == Dispatch.DispatchStatus.Offered || d.Status == Dispatch.DispatchStatus.Accepted, cancellationToken);
        return Vendor is null ? NotFound() : Page();
    }
}
