namespace Mamori.Web.Infrastructure.Tenancy;

/// <summary>
/// Who the current request (or job) acts for. The EF query filters in
/// <see cref="Data.AppDbContext"/> read this and nothing else, so tenancy is enforced in one place.
/// </summary>
public interface ITenantContext
{
    TenantScope Scope { get; }

    /// <summary>The operator (事務局) the user belongs to; members and vendors belong to one too.</summary>
    int? OperatorId { get; }

    /// <summary>Set only for <see cref="TenantScope.Member"/>.</summary>
    int? CompanyId { get; }

    /// <summary>Set only for <see cref="TenantScope.Vendor"/>.</summary>
    int? VendorId { get; }
}

public enum TenantScope
{
    /// <summary>Anonymous or unknown: sees no tenant-owned data at all.</summary>
    None = 0,

    /// <summary>Operator staff (operator, analyst, advisor): everything of their operator.</summary>
    Operator = 1,

    /// <summary>A member company's user: its own company only.</summary>
    Member = 2,

    /// <summary>A local IT company: only its own record and what is given to it.</summary>
    Vendor = 3,

    /// <summary>Start-up tasks (migrations, demo seeding) and installation-wide jobs.</summary>
    System = 4,
}
