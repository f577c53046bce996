using Mamori.Web.IntegrationTests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Ingest;

/// <summary>The sensor pages on in-memory SQLite.</summary>
public sealed class SqliteSensorPagesTests(SqliteAppFixture fixture)
    : SensorPagesScenarios(fixture), IClassFixture<SqliteAppFixture>
{
    [Fact]
    public Task List_DemoSilentSensor_WarnedOnListAndHome() => SilentSensorIsFlaggedOnListAndHomeAsync();

    [Fact]
    public Task Register_SheetCode_EnrollsThenRevokeRefuses() => RegisteredSensorEnrollsWithTheCodeOnItsSheetAsync();

    [Fact]
    public Task Settings_BadJson_RefusedKeptNothingSaved() => BadSettingsAreRefusedAndNothingIsLostAsync();

    [Fact]
    public Task Member_OwnSensorsOnly_NoOperatorPages() => MembersSeeOnlyTheirOwnSensorsReadOnlyAsync();
}
