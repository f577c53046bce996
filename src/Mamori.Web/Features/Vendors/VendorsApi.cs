using Mamori.Web.Features.Regions;
using Mamori.Web.Infrastructure.Api;

namespace Mamori.Web.Features.Vendors;

public static class VendorsApi
{
    public static RouteGroupBuilder MapVendorsApi(this RouteGroupBuilder api)
    {
        api.MapReadOnly("vendors", (Vendor v) => new VendorDto(v.Id, v.OperatorId, v.Name, v.CoveragePrefectures));
        return api;
    }
}

/// <summary>Coverage prefectures serialise as their JIS codes.</summary>
public sealed record VendorDto(int Id, int OperatorId, string Name, IReadOnlyList<Prefecture> CoveragePrefectures);
