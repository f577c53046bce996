using System.Security.Claims;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;

namespace Mamori.Web.Tests.Infrastructure.Tenancy;

public sealed class TenantContextTests
{
    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Advisor)]
    public void FromPrincipal_StaffRole_IsOperatorScope(string role)
    {
        var scope = TenantContext.FromPrincipal(User(role, (MamoriClaimTypes.OperatorId, "7")));

        Assert.Equal(TenantScope.Operator, scope.Scope);
        Assert.Equal(7, scope.OperatorId);
        Assert.Null(scope.CompanyId);
    }

    [Fact]
    public void FromPrincipal_Member_IsMemberScopeOfItsCompany()
    {
        var scope = TenantContext.FromPrincipal(User(Roles.Member, (MamoriClaimTypes.OperatorId, "1"), (MamoriClaimTypes.CompanyId, "12")));

        Assert.Equal(TenantScope.Member, scope.Scope);
        Assert.Equal(12, scope.CompanyId);
    }

    [Fact]
    public void FromPrincipal_MemberWithoutCompany_SeesNothing() =>
        Assert.Equal(TenantScope.None, TenantContext.FromPrincipal(User(Roles.Member, (MamoriClaimTypes.OperatorId, "1"))).Scope);

    [Fact]
    public void FromPrincipal_VendorWithoutVendorId_SeesNothing() =>
        Assert.Equal(TenantScope.None, TenantContext.FromPrincipal(User(Roles.Vendor, (MamoriClaimTypes.OperatorId, "1"))).Scope);

    [Fact]
    public void FromPrincipal_MemberAlsoClaimingStaffRole_StaysMember()
    {
        // Member is checked first: a member account must never widen to operator scope.
        var scope = TenantContext.FromPrincipal(User([Roles.Member, Roles.Operator], (MamoriClaimTypes.OperatorId, "1"), (MamoriClaimTypes.CompanyId, "3")));

        Assert.Equal(TenantScope.Member, scope.Scope);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData(" 5")]
    public void FromPrincipal_MalformedOperatorClaim_SeesNothing(string value) =>
        Assert.Equal(TenantScope.None, TenantContext.FromPrincipal(User(Roles.Operator, (MamoriClaimTypes.OperatorId, value))).Scope);

    [Fact]
    public void FromPrincipal_Anonymous_SeesNothing() =>
        Assert.Equal(TenantScope.None, TenantContext.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity())).Scope);

    private static ClaimsPrincipal User(string role, params (string Type, string Value)[] claims) => User([role], claims);

    private static ClaimsPrincipal User(string[] roles, params (string Type, string Value)[] claims)
    {
        var identity = new ClaimsIdentity("test");
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        foreach (var (type, value) in claims)
        {
            identity.AddClaim(new Claim(type, value));
        }

        return new ClaimsPrincipal(identity);
    }
}
