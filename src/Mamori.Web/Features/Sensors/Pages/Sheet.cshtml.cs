using Mamori.Web.Features.Ingest;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Mamori.Web.Features.Sensors.Pages;

/// <summary>
/// The printable installation sheet: the steps for the site's kind, the one-time code, the exact
/// <c>mamori sensor enroll</c> command, and that command as a QR code. The code exists only in the
/// redirect that follows its issue (TempData); the server keeps its hash.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SheetModel(GetSensorDetailHandler get, IOptions<IngestOptions> options, IStringLocalizer<SensorsResource> localizer) : SensorsPageModel(localizer)
{
    public SensorDetail Sensor { get; private set; } = null!;

    public string? Code { get; private set; }

    public string ServerUrl { get; private set; } = "";

    public string Command { get; private set; } = "";

    public string? QrPngBase64 { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await get.HandleAsync(id, cancellationToken) is not { } sensor)
        {
            return NotFound();
        }

        Sensor = sensor;
        ServerUrl = (options.Value.PublicUrl ?? $"{Request.Scheme}://{Request.Host}").TrimEnd('/');

        // Peek and keep: printing reloads the page, and the code must survive that.
        Code = TempData.Peek(IssuedCodeKey) as string;
        TempData.Keep(IssuedCodeKey);
        if (Code is not null)
        {
            Command = $"mamori sensor enroll --server {ServerUrl} --code {Code}";
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(Command, QRCodeGenerator.ECCLevel.M);
            QrPngBase64 = Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
        }

        // The sheet must not be cached anywhere: it carries a live secret.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
