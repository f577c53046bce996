using Mamori.Web.Features.Regions;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Companies.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(ListCompaniesHandler list) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public Industry? Industry { get; set; }

    [BindProperty(SupportsGet = true)]
    public Prefecture? Prefecture { get; set; }

    public IReadOnlyList<CompanyListItem> Companies { get; private set; } = [];

    /// <summary>Tohoku first (the seeds' region), then the rest in JIS order.</summary>
    public IEnumerable<Prefecture> PrefectureChoices =>
        Prefectures.Tohoku.Concat(Enum.GetValues<Prefecture>().Except(Prefectures.Tohoku));

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Companies = await list.HandleAsync(new ListCompaniesQuery(Search, Industry, Prefecture), cancellationToken);
}
