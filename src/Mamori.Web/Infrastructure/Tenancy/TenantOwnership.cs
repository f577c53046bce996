namespace Mamori.Web.Infrastructure.Tenancy;

/// <summary>Belongs to one operator. <see cref="Data.AppDbContext"/> filters these automatically.</summary>
public interface IOperatorOwned
{
    int OperatorId { get; }
}

/// <summary>
/// Belongs to one member company (and, through it, to one operator). Member users see only their
/// company's rows, operator staff all of their operator's, vendors none unless a later feature
/// gives them access.
/// </summary>
public interface ICompanyOwned : IOperatorOwned
{
    int CompanyId { get; }
}

/// <summary>The operator itself: its key is the tenant key.</summary>
public interface IOperatorRoot
{
    int Id { get; }
}

/// <summary>A member company itself: its key is the company key.</summary>
public interface ICompanyRoot : IOperatorOwned
{
    int Id { get; }
}

/// <summary>A vendor itself: a vendor user sees only its own record.</summary>
public interface IVendorRoot : IOperatorOwned
{
    int Id { get; }
}

/// <summary>
/// Optionally linked to one member company (an e-mail from an unknown sender has none yet).
/// Staff see every row of their operator; a member only rows linked to its own company; nobody
/// else sees an unlinked row.
/// </summary>
public interface ICompanyLinked : IOperatorOwned
{
    int? CompanyId { get; }
}

/// <summary>
/// A company's row that is also given to one vendor (a dispatch, a visit): besides the company
/// rules, the vendor named by <see cref="VendorId"/> sees and may update it.
/// </summary>
public interface IVendorShared : ICompanyOwned
{
    int? VendorId { get; }
}
