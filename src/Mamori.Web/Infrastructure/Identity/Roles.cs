using System.Security.Claims;

namespace Mamori.Web.Infrastructure.Identity;

/// <summary>The five signed-in roles of REQUIREMENTS.md "Users".</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Analyst = "analyst";
    public const string Advisor = "advisor";
    public const string Member = "member";
    public const string Vendor = "vendor";

    public static IReadOnlyList<string> All { get; } = [Operator, Analyst, Advisor, Member, Vendor];

    /// <summary>Staff of an operator: they see all of their operator's members.</summary>
    public static bool IsStaff(ClaimsPrincipal user) =>
        user.IsInRole(Operator) || user.IsInRole(Analyst) || user.IsInRole(Advisor);
}

public static class MamoriClaimTypes
{
    public const string OperatorId = "mamori:operator";
    public const string CompanyId = "mamori:company";
    public const string VendorId = "mamori:vendor";
    public const string DisplayName = "mamori:name";
}
