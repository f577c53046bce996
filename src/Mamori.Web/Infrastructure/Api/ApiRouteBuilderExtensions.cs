using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Operators;
using Mamori.Web.Features.Vendors;

namespace Microsoft.AspNetCore.Builder;

public static class ApiRouteBuilderExtensions
{
    /// <summary>
    /// The JSON API under /api. Every endpoint requires a signed-in user; which rows it returns is
    /// decided by the tenant query filters, so another tenant's row is simply not found (404).
    /// </summary>
    public static IEndpointRouteBuilder MapMamoriApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization();
        api.MapOperatorsApi();
        api.MapCompaniesApi();
        api.MapVendorsApi();
        return endpoints;
    }
}
