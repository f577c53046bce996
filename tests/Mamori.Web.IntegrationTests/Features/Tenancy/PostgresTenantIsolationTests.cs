using Mamori.Web.IntegrationTests.TestSupport;
using Mamori.Web.Tests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Tenancy;

/// <summary>Tenant isolation on PostgreSQL (MAMORI_TEST_POSTGRES).</summary>
public sealed class PostgresTenantIsolationTests(PostgresAppFixture fixture)
    : TenantIsolationScenarios(fixture), IClassFixture<PostgresAppFixture>
{
    [PostgresFact]
    public Task MyCompany_Member_ShowsOwnCompanyOnly() => MemberSeesOwnCompanyPageAsync();

    [PostgresFact]
    public Task CompanyPage_MemberOfOtherCompany_ForbiddenOrNotFound() => MemberGetsForbiddenOrNotFoundOnOtherCompanyPageAsync();

    [PostgresFact]
    public Task ApiLists_Member_ReturnOnlyOwnCompanyRows() => MemberApiReturnsOnlyOwnCompanyRowsAsync();

    [PostgresFact]
    public Task ApiById_MemberAskingOtherCompanyRows_NotFound() => MemberApiByIdOfOtherCompanyRowsIsNotFoundAsync();

    [PostgresFact]
    public Task ApiLists_Operator_ReturnOnlyOwnOperatorRows() => OperatorSeesNoRowOfAnotherOperatorAsync();

    [PostgresFact]
    public Task ApiById_OperatorAskingOtherOperatorRows_NotFound() => OperatorGetsNotFoundForAnotherOperatorsRowsAsync();

    [PostgresFact]
    public Task Api_Vendor_SeesOnlyItsOwnRecord() => VendorSeesOnlyItsOwnRecordAsync();

    [PostgresFact]
    public Task ApiAndPages_Anonymous_UnauthorizedOrLogin() => AnonymousGetsUnauthorizedOrLoginAsync();
}
