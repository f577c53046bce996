using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Common.Pages;

/// <summary>Friendly pages for 403, 404 and unexpected errors (re-executed by the status-code middleware).</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string TitleKey { get; private set; } = "Error.Unexpected";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        TitleKey = code switch
        {
            StatusCodes.Status403Forbidden => "Error.Forbidden",
            StatusCodes.Status404NotFound => "Error.NotFound",
            _ => "Error.Unexpected",
        };

        if (code is >= 400 and < 600)
        {
            Response.StatusCode = code.Value;
        }
    }
}
