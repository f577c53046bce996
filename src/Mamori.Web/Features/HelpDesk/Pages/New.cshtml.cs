using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.HelpDesk.Pages;

/// <summary>Staff file an inquiry received by phone or e-mail.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class NewModel(FileInquiryHandler file, AppDbContext db, IStringLocalizer<HelpDeskResource> localizer) : HelpDeskPageModel(localizer)
{
    [BindProperty]
    public InquiryChannel Channel { get; set; } = InquiryChannel.Phone;

    [BindProperty]
    public InquiryCategory Category { get; set; } = InquiryCategory.SecurityConsultation;

    [BindProperty]
    public string? FromName { get; set; }

    [BindProperty]
    public string? FromAddress { get; set; }

    [BindProperty]
    public int? CompanyId { get; set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public IReadOnlyList<(int Id, string Name)> Companies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await file.HandleAsync(
            new FileInquiryRequest(Channel, Category, FromName, FromAddress, Subject, Body, CompanyId), cancellationToken);
        if (!result.Succeeded)
        {
            Error = Localize(result.Error!);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Notice = Localize(result.Value!.Unlinked ? "Inquiry.FiledUnlinked" : "Inquiry.Filed");
        return Redirect($"/helpdesk/{result.Value.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Companies = (await db.Companies.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.Name)).ToList();
}
