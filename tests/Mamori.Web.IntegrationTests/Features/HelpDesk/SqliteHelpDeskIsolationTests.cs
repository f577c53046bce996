using Mamori.Web.IntegrationTests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.HelpDesk;

/// <summary>Help desk, dispatch and insurance isolation on in-memory SQLite.</summary>
public sealed class SqliteHelpDeskIsolationTests(SqliteAppFixture fixture)
    : HelpDeskIsolationScenarios(fixture), IClassFixture<SqliteAppFixture>
{
    [Fact]
    public Task Inquiries_OtherMemberAndOtherOperator_SeeNone() => OtherMemberSeesNoneOfAnInquiryAsync();

    [Fact]
    public Task Dispatches_Vendor_SeesOnlyThoseGivenToIt() => VendorsSeeOnlyDispatchesGivenToThemAsync();

    [Fact]
    public Task DispatchesAndInsurance_Member_SeesOnlyOwn() => MembersSeeOnlyOwnDispatchesAndPoliciesAsync();

    [Fact]
    public Task ReportCsv_Staff_CountsDemoMonthOthersSeeNothing() => ReportCsvCountsTheDemoMonthForStaffOnlyAsync();
}
