using System.Globalization;
using System.Security.Claims;
using Mamori.Web.Infrastructure.Identity;

namespace Mamori.Web.Infrastructure.Tenancy;

/// <summary>
/// The scoped <see cref="ITenantContext"/>: resolved from the signed-in user's claims, unless code
/// outside a request (start-up, seeding, tests) sets it explicitly.
/// </summary>
public sealed class TenantContext : ITenantContext
{
    private readonly IHttpContextAccessor? _httpContextAccessor;
    private Snapshot? _explicit;
    private Snapshot? _fromClaims;

    public TenantContext(IHttpContextAccessor? httpContextAccessor = null)
    {
        _httpContextAccessor = httpContextAccessor;
    }

    public TenantScope Scope => Current.Scope;

    public int? OperatorId => Current.OperatorId;

    public int? CompanyId => Current.CompanyId;

    public int? VendorId => Current.VendorId;

    private Snapshot Current => _explicit ?? (_fromClaims ??= FromPrincipal(_httpContextAccessor?.HttpContext?.User));

    /// <summary>Unrestricted access for start-up work; never call this while serving a request.</summary>
    public void UseSystem() => _explicit = new Snapshot(TenantScope.System, null, null, null);

    public void UseOperator(int operatorId) => _explicit = new Snapshot(TenantScope.Operator, operatorId, null, null);

    public void UseMember(int operatorId, int companyId) => _explicit = new Snapshot(TenantScope.Member, operatorId, companyId, null);

    public void UseVendor(int operatorId, int vendorId) => _explicit = new Snapshot(TenantScope.Vendor, operatorId, null, vendorId);

    public void UsePrincipal(ClaimsPrincipal principal) => _explicit = FromPrincipal(principal);

    internal static Snapshot FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Snapshot.None;
        }

        var operatorId = ReadId(user, MamoriClaimTypes.OperatorId);
        if (operatorId is null)
        {
            return Snapshot.None;
        }

        if (user.IsInRole(Roles.Member))
        {
            var companyId = ReadId(user, MamoriClaimTypes.CompanyId);
            return companyId is null ? Snapshot.None : new Snapshot(TenantScope.Member, operatorId, companyId, null);
        }

        if (user.IsInRole(Roles.Vendor))
        {
            var vendorId = ReadId(user, MamoriClaimTypes.VendorId);
            return vendorId is null ? Snapshot.None : new Snapshot(TenantScope.Vendor, operatorId, null, vendorId);
        }

        return Roles.IsStaff(user)
            ? new Snapshot(TenantScope.Operator, operatorId, null, null)
            : Snapshot.None;
    }

    private static int? ReadId(ClaimsPrincipal user, string claimType)
    {
        var value = user.FindFirst(claimType)?.Value;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    internal sealed record Snapshot(TenantScope Scope, int? OperatorId, int? CompanyId, int? VendorId)
    {
        public static readonly Snapshot None = new(TenantScope.None, null, null, null);
    }
}
