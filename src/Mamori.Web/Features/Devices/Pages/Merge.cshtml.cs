using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Devices.Pages;

/// <summary>The rows chosen on the list, and which one to keep.</summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Analyst + "," + Roles.Advisor + "," + Roles.Member)]
public sealed class MergeModel(ListDevicesHandler list, MergeDevicesHandler merge, IStringLocalizer<DevicesResource> localizer) : DevicesPageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public List<int> Ids { get; set; } = [];

    [BindProperty]
    public int? KeepId { get; set; }

    public IReadOnlyList<DeviceListItem> Devices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Devices.Count < 2)
        {
            Errors = [Localize("Merge.ChooseTwo")];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = KeepId is { } keep
            ? await merge.HandleAsync(new MergeDevicesRequest(keep, Ids), cancellationToken)
            : DeviceCommandResult.Fail(new DeviceError("Merge.ChooseTwo"));
        if (result.Succeeded)
        {
            Notice = Localize("Merge.Done", result.Count + 1);
            return Redirect($"/devices/{result.DeviceId}");
        }

        Errors = result.Errors.Select(Describe).ToList();
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var ids = Ids.ToHashSet();
        // The tenancy filters leave out rows the user may not see.
        Devices = (await list.HandleAsync(new ListDevicesQuery(), cancellationToken)).Where(d => ids.Contains(d.Id)).ToList();
    }
}
