using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Sensors.Pages;

/// <summary>Registers a sensor for a site and goes straight to its installation sheet with the new code.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class NewModel(ListSiteOptionsHandler sites, CreateSensorHandler create, IStringLocalizer<SensorsResource> localizer) : SensorsPageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public int SiteId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? SerialNumber { get; set; }

    public IReadOnlyList<SiteOption> Sites { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Sites = await sites.HandleAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await create.HandleAsync(new CreateSensorRequest(SiteId, Name, SerialNumber), cancellationToken);
        if (!result.Succeeded)
        {
            Error = Localize(result.Error!);
            Sites = await sites.HandleAsync(cancellationToken);
            return Page();
        }

        TempData[IssuedCodeKey] = result.Value!.Code;
        return Redirect($"/sensors/{result.Value.SensorId}/sheet");
    }
}
