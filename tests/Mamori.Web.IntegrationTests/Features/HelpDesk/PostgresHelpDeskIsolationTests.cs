using Mamori.Web.IntegrationTests.TestSupport;
using Mamori.Web.Tests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.HelpDesk;

/// <summary>Help desk, dispatch and insurance isolation on PostgreSQL (MAMORI_TEST_POSTGRES).</summary>
public sealed class PostgresHelpDeskIsolationTests(PostgresAppFixture fixture)
    : HelpDeskIsolationScenarios(fixture), IClassFixture<PostgresAppFixture>
{
    [PostgresFact]
    public Task Inquiries_OtherMemberAndOtherOperator_SeeNone() => OtherMemberSeesNoneOfAnInquiryAsync();

    [PostgresFact]
    public Task Dispatches_Vendor_SeesOnlyThoseGivenToIt() => VendorsSeeOnlyDispatchesGivenToThemAsync();

    [PostgresFact]
    public Task DispatchesAndInsurance_Member_SeesOnlyOwn() => MembersSeeOnlyOwnDispatchesAndPoliciesAsync();

    [PostgresFact]
    public Task ReportCsv_Staff_CountsDemoMonthOthersSeeNothing() => ReportCsvCountsTheDemoMonthForStaffOnlyAsync();
}
