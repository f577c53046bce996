using Mamori.Web.IntegrationTests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Tenancy;

/// <summary>Tenant isolation on in-memory SQLite.</summary>
public sealed class SqliteTenantIsolationTests(SqliteAppFixture fixture)
    : TenantIsolationScenarios(fixture), IClassFixture<SqliteAppFixture>
{
    [Fact]
    public Task MyCompany_Member_ShowsOwnCompanyOnly() => MemberSeesOwnCompanyPageAsync();

    [Fact]
    public Task CompanyPage_MemberOfOtherCompany_ForbiddenOrNotFound() => MemberGetsForbiddenOrNotFoundOnOtherCompanyPageAsync();

    [Fact]
    public Task ApiLists_Member_ReturnOnlyOwnCompanyRows() => MemberApiReturnsOnlyOwnCompanyRowsAsync();

    [Fact]
    public Task ApiById_MemberAskingOtherCompanyRows_NotFound() => MemberApiByIdOfOtherCompanyRowsIsNotFoundAsync();

    [Fact]
    public Task ApiLists_Operator_ReturnOnlyOwnOperatorRows() => OperatorSeesNoRowOfAnotherOperatorAsync();

    [Fact]
    public Task ApiById_OperatorAskingOtherOperatorRows_NotFound() => OperatorGetsNotFoundForAnotherOperatorsRowsAsync();

    [Fact]
    public Task Api_Vendor_SeesOnlyItsOwnRecord() => VendorSeesOnlyItsOwnRecordAsync();

    [Fact]
    public Task ApiAndPages_Anonymous_UnauthorizedOrLogin() => AnonymousGetsUnauthorizedOrLoginAsync();
}
