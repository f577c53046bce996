using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Data;

/// <summary>
/// The write side of tenancy: a user may only add or change rows of its own operator (and, for
/// a member, its own company). Reads are covered by the query filters.
/// </summary>
internal static class TenantWriteGuard
{
    public static void Check(AppDbContext context)
    {
        var tenant = context.Tenant;
        if (tenant.Scope == TenantScope.System)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var allowed = entry.Entity switch
            {
                IOperatorRoot root => tenant.OperatorId == root.Id && tenant.Scope == TenantScope.Operator,
                ICompanyRoot company => tenant.OperatorId == company.OperatorId
                    && (tenant.Scope == TenantScope.Operator || (tenant.Scope == TenantScope.Member && tenant.CompanyId == company.Id)),
                IVendorShared shared => tenant.OperatorId == shared.OperatorId
                    && (tenant.Scope == TenantScope.Operator
                        || (tenant.Scope == TenantScope.Member && tenant.CompanyId == shared.CompanyId)
                        || (tenant.Scope == TenantScope.Vendor && tenant.VendorId == shared.VendorId && shared.VendorId is not null)),
                ICompanyLinked linked => tenant.OperatorId == linked.OperatorId
                    && (tenant.Scope == TenantScope.Operator || (tenant.Scope == TenantScope.Member && linked.CompanyId is not null && tenant.CompanyId == linked.CompanyId)),
                ICompanyOwned owned => tenant.OperatorId == owned.OperatorId
                    && (tenant.Scope == TenantScope.Operator || (tenant.Scope == TenantScope.Member && tenant.CompanyId == owned.CompanyId)),
                IVendorRoot vendor => tenant.OperatorId == vendor.OperatorId
                    && (tenant.Scope == TenantScope.Operator || (tenant.Scope == TenantScope.Vendor && tenant.VendorId == vendor.Id)),
                IOperatorOwned owned => tenant.OperatorId == owned.OperatorId && tenant.Scope == TenantScope.Operator,
                _ => true,
            };

            if (!allowed)
            {
                throw new TenantAccessException(entry.Metadata.ClrType.Name);
            }
        }
    }
}

/// <summary>Thrown when code tries to write another tenant's row; a bug, never a user error.</summary>
public sealed class TenantAccessException(string entityName)
    : InvalidOperationException($"The current tenant may not write this {entityName}.");
