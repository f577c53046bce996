using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Infrastructure.Identity;

/// <summary>
/// A person who signs in. Which tenant keys are set follows the role: staff have an operator,
/// members an operator and a company, vendors an operator and a vendor.
/// </summary>
public sealed class ApplicationUser : IdentityUser
{
    public required string DisplayName { get; set; }

    public int? OperatorId { get; set; }

    public int? CompanyId { get; set; }

    public int? VendorId { get; set; }
}
