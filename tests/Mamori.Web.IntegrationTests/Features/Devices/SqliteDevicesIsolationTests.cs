using Mamori.Web.IntegrationTests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Devices;

/// <summary>Device inventory isolation and IP-at-time over HTTP on in-memory SQLite.</summary>
public sealed class SqliteDevicesIsolationTests(SqliteAppFixture fixture)
    : DevicesIsolationScenarios(fixture), IClassFixture<SqliteAppFixture>
{
    [Fact]
    public Task Devices_OtherMember_CannotSeeOrEdit() => OtherMemberCannotSeeOrEditAsync();

    [Fact]
    public Task ResolveBox_DemoLeaseChange_NamesTheDeviceOfTheTime() => ResolveBoxFollowsTheLeaseChangeAsync();
}
