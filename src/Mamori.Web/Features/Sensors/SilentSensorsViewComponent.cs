using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Sensors;

/// <summary>
/// The "sensor silent for N hours" warning for staff home pages:
/// <c>@await Component.InvokeAsync("SilentSensors")</c>. Renders nothing when every sensor reports.
/// </summary>
public sealed class SilentSensorsViewComponent(ListSensorsHandler list, IStringLocalizer<SensorsResource> localizer) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var silent = await list.HandleAsync(true, HttpContext.RequestAborted);
        if (silent.Count == 0)
        {
            return new HtmlContentViewComponentResult(HtmlString.Empty);
        }

        var text = HtmlEncoder.Default.Encode(localizer["Sensors.SilentWarning", silent.Count, list.SilentAfterHours]);
        var names = HtmlEncoder.Default.Encode(string.Join("、", silent.Take(5).Select(s => s.CompanyName + " " + s.SiteName)));
        return new HtmlContentViewComponentResult(new HtmlString(
            $"<div class=\"alert alert-danger\" data-testid=\"silent-sensors\"><a class=\"alert-link\" href=\"/sensors?silentOnly=true\">{text}</a> <span class=\"small\">{names}</span></div>"));
    }
}
