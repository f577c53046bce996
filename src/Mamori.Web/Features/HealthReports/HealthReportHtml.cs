using System.Globalization;
using Mamori.Web.Features.HealthReports.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// Renders the report's Razor partial (the one the web page shows) into a complete HTML document
/// in-process, so the PDF printer gets the page as a string: no HTTP round trip, no sign-in token,
/// no waiting for the network to go idle.
/// </summary>
public sealed class HealthReportHtml(IRazorViewEngine views, ITempDataProvider tempData, IServiceProvider services)
{
    private const string DocumentView = "/Features/HealthReports/Pages/_HealthReportDocument.cshtml";

    public async Task<string> RenderDocumentAsync(HealthReportView model, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(culture);
        var (savedCulture, savedUiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var http = new DefaultHttpContext { RequestServices = services, RequestAborted = cancellationToken };
            var action = new ActionContext(http, new RouteData(), new ActionDescriptor());
            var found = views.GetView(executingFilePath: null, viewPath: DocumentView, isMainPage: true);
            if (!found.Success)
            {
                throw new InvalidOperationException("The health report view was not found: " + string.Join(", ", found.SearchedLocations));
            }

            await using var writer = new StringWriter(CultureInfo.InvariantCulture);
            var viewData = new ViewDataDictionary<HealthReportView>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
            var context = new ViewContext(action, found.View, viewData, new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions());
            await found.View.RenderAsync(context);
            return writer.ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = savedCulture;
            CultureInfo.CurrentUICulture = savedUiCulture;
        }
    }
}
