using Mamori.Web.IntegrationTests.TestSupport;
using Mamori.Web.Tests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Devices;

/// <summary>Device inventory isolation and IP-at-time over HTTP on PostgreSQL (MAMORI_TEST_POSTGRES).</summary>
public sealed class PostgresDevicesIsolationTests(PostgresAppFixture fixture)
    : DevicesIsolationScenarios(fixture), IClassFixture<PostgresAppFixture>
{
    [PostgresFact]
    public Task Devices_OtherMember_CannotSeeOrEdit() => OtherMemberCannotSeeOrEditAsync();

    [PostgresFact]
    public Task ResolveBox_DemoLeaseChange_NamesTheDeviceOfTheTime() => ResolveBoxFollowsTheLeaseChangeAsync();
}
