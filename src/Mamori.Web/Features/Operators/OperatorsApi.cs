using Mamori.Web.Features.Insurance;
using Mamori.Web.Infrastructure.Api;

namespace Mamori.Web.Features.Operators;

public static class OperatorsApi
{
    public static RouteGroupBuilder MapOperatorsApi(this RouteGroupBuilder api)
    {
        api.MapReadOnly("operators", (OperatorOrganisation o) => new OperatorDto(o.Id, o.Name, (int)o.Prefecture));
        api.MapReadOnly("soc-providers", (SocProvider s) => new PartnerDto(s.Id, s.OperatorId, s.Name));
        api.MapReadOnly("insurers", (Insurer i) => new PartnerDto(i.Id, i.OperatorId, i.Name));
        return api;
    }
}

public sealed record OperatorDto(int Id, string Name, int Prefecture);

public sealed record PartnerDto(int Id, int OperatorId, string Name);
