using Mamori.Web.Infrastructure.Api;

namespace Mamori.Web.Features.Vendors;

public static class VendorsApi
{
    public static RouteGroupBuilder MapVendorsApi(this RouteGroupBuilder api)
    {
        api.MapReadOnly("vendors", (Vendor v) => new VendorDto(v.Id, v.OperatorId, v.Name, v.CoveragePrefectures.Select(p => (int)p).ToList()));
        return api;
    }
}

public sealed record VendorDto(int Id, int OperatorId, string Name, IReadOnlyList<int> CoveragePrefectures);
