using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Features.Sites;
using Mamori.Web.Infrastructure.Api;

namespace Mamori.Web.Features.Companies;

public static class CompaniesApi
{
    public static RouteGroupBuilder MapCompaniesApi(this RouteGroupBuilder api)
    {
        api.MapReadOnly("companies", (MemberCompany c) => new CompanyDto(c.Id, c.OperatorId, c.Name, c.Industry.ToString(), (int)c.Prefecture, c.PcCount));
        api.MapReadOnly("contacts", (CompanyContact c) => new CompanyOwnedDto(c.Id, c.CompanyId, c.Name));
        api.MapReadOnly("sites", (Site s) => new CompanyOwnedDto(s.Id, s.CompanyId, s.Name));
        api.MapReadOnly("sensors", (NetworkSensor s) => new CompanyOwnedDto(s.Id, s.CompanyId, s.SerialNumber));
        api.MapReadOnly("devices", (Device d) => new CompanyOwnedDto(d.Id, d.CompanyId, d.Name));
        return api;
    }
}

public sealed record CompanyDto(int Id, int OperatorId, string Name, string Industry, int Prefecture, int PcCount);

public sealed record CompanyOwnedDto(int Id, int CompanyId, string Name);
