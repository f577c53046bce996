using System.Linq.Expressions;
using Mamori.Web.Infrastructure.Tenancy;

namespace Mamori.Web.Data;

/// <summary>
/// Builds the named query filters for an entity from the tenancy markers it implements. The
/// expressions are built against the concrete entity type (not the interface) so every provider
/// translates them as plain column comparisons.
/// </summary>
internal static class TenantFilters
{
    public const string Operator = "Tenant.Operator";
    public const string Company = "Tenant.Company";
    public const string Vendor = "Tenant.Vendor";

    public static IEnumerable<(string Name, LambdaExpression Filter)> For(Type entity, Expression context)
    {
        var e = Expression.Parameter(entity, "e");
        var isSystem = Expression.Property(context, nameof(AppDbContext.TenantIsSystem));

        if (typeof(IOperatorRoot).IsAssignableFrom(entity))
        {
            // Operators see their own record; members and vendors see the operator they belong to.
            yield return (Operator, Lambda(e, Expression.OrElse(isSystem, KeyEquals(e, "Id", context, nameof(AppDbContext.TenantOperatorId)))));
        }

        if (typeof(IOperatorOwned).IsAssignableFrom(entity))
        {
            yield return (Operator, Lambda(e, Expression.OrElse(isSystem, KeyEquals(e, nameof(IOperatorOwned.OperatorId), context, nameof(AppDbContext.TenantOperatorId)))));
        }

        var companyKey = typeof(ICompanyRoot).IsAssignableFrom(entity) ? "Id"
            : typeof(ICompanyOwned).IsAssignableFrom(entity) ? nameof(ICompanyOwned.CompanyId)
            : null;
        if (companyKey is not null)
        {
            // Staff see every company of their operator; a member only its own; a vendor none.
            var seesAll = Expression.Property(context, nameof(AppDbContext.TenantSeesAllCompanies));
            Expression body = Expression.OrElse(seesAll, KeyEquals(e, companyKey, context, nameof(AppDbContext.TenantCompanyId)));
            if (typeof(IVendorShared).IsAssignableFrom(entity))
            {
                // ...and the vendor the row is given to.
                var isVendor = Expression.Property(context, nameof(AppDbContext.TenantIsVendor));
                body = Expression.OrElse(body, Expression.AndAlso(isVendor, KeyEquals(e, nameof(IVendorShared.VendorId), context, nameof(AppDbContext.TenantVendorId))));
            }

            yield return (Company, Lambda(e, body));
        }

        if (typeof(ICompanyLinked).IsAssignableFrom(entity))
        {
            // A nullable company key: only a member with a company matches it, so an unlinked row
            // (null) never matches a tenant without a company.
            var seesAll = Expression.Property(context, nameof(AppDbContext.TenantSeesAllCompanies));
            var tenantCompany = Expression.Property(context, nameof(AppDbContext.TenantCompanyId));
            var hasCompany = Expression.NotEqual(tenantCompany, Expression.Constant(null, typeof(int?)));
            yield return (Company, Lambda(e, Expression.OrElse(seesAll, Expression.AndAlso(hasCompany, KeyEquals(e, nameof(ICompanyLinked.CompanyId), context, nameof(AppDbContext.TenantCompanyId))))));
        }

        if (typeof(IVendorRoot).IsAssignableFrom(entity))
        {
            var isVendor = Expression.Property(context, nameof(AppDbContext.TenantIsVendor));
            yield return (Vendor, Lambda(e, Expression.OrElse(Expression.Not(isVendor), KeyEquals(e, "Id", context, nameof(AppDbContext.TenantVendorId)))));
        }
    }

    private static BinaryExpression KeyEquals(ParameterExpression e, string property, Expression context, string tenantProperty) =>
        Expression.Equal(
            Expression.Convert(Expression.Property(e, property), typeof(int?)),
            Expression.Property(context, tenantProperty));

    private static LambdaExpression Lambda(ParameterExpression e, Expression body) =>
        Expression.Lambda(body, e);
}
