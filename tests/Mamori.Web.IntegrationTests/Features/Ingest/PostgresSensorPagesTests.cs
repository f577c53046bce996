using Mamori.Web.IntegrationTests.TestSupport;
using Mamori.Web.Tests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Ingest;

/// <summary>The sensor pages on PostgreSQL (MAMORI_TEST_POSTGRES).</summary>
public sealed class PostgresSensorPagesTests(PostgresAppFixture fixture)
    : SensorPagesScenarios(fixture), IClassFixture<PostgresAppFixture>
{
    [PostgresFact]
    public Task List_DemoSilentSensor_WarnedOnListAndHome() => SilentSensorIsFlaggedOnListAndHomeAsync();

    [PostgresFact]
    public Task Register_SheetCode_EnrollsThenRevokeRefuses() => RegisteredSensorEnrollsWithTheCodeOnItsSheetAsync();

    [PostgresFact]
    public Task Settings_BadJson_RefusedKeptNothingSaved() => BadSettingsAreRefusedAndNothingIsLostAsync();

    [PostgresFact]
    public Task Member_OwnSensorsOnly_NoOperatorPages() => MembersSeeOnlyTheirOwnSensorsReadOnlyAsync();
}
