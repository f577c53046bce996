using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Sensors.Pages;

/// <summary>One sensor: health, heartbeat history, counters; revoke, ask for rotation, issue a new code.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(
    GetSensorDetailHandler get,
    IssueEnrollmentCodeHandler issue,
    RevokeSensorHandler revoke,
    RequireRotationHandler rotation,
    IStringLocalizer<SensorsResource> localizer) : SensorsPageModel(localizer)
{
    public SensorDetail Sensor { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostCodeAsync(int id, CancellationToken cancellationToken)
    {
        var result = await issue.HandleAsync(id, cancellationToken);
        if (!result.Succeeded)
        {
            Error = Localize(result.Error!);
            return await LoadAsync(id, cancellationToken);
        }

        TempData[IssuedCodeKey] = result.Value!.Code;
        return Redirect($"/sensors/{id}/sheet");
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await revoke.HandleAsync(id, cancellationToken), "Action.Revoked", cancellationToken);

    public async Task<IActionResult> OnPostRotateAsync(int id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await rotation.HandleAsync(id, cancellationToken), "Action.RotationRequested", cancellationToken);

    private async Task<IActionResult> AfterAsync(int id, SensorResult<bool> result, string notice, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            Error = Localize(result.Error!);
            return await LoadAsync(id, cancellationToken);
        }

        Notice = Localize(notice);
        return Redirect($"/sensors/{id}");
    }

    private async Task<IActionResult> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await get.HandleAsync(id, cancellationToken) is not { } sensor)
        {
            return NotFound();
        }

        Sensor = sensor;
        return Page();
    }
}
