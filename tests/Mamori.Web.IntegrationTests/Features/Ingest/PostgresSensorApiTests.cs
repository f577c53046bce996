using Mamori.Web.IntegrationTests.TestSupport;
using Mamori.Web.Tests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Ingest;

/// <summary>The sensor API on PostgreSQL (MAMORI_TEST_POSTGRES).</summary>
public sealed class PostgresSensorApiTests(PostgresAppFixture fixture)
    : SensorApiScenarios(fixture), IClassFixture<PostgresAppFixture>
{
    [PostgresFact]
    public Task Batch_AfterEnrolment_StoredOnceWithSensorsIds() => EnrollThenBatchStoresEverythingOnceAsync();

    [PostgresFact]
    public Task Enroll_WrongExpiredUsedRevoked_DistinctErrors() => EnrollErrorsAreDistinctAsync();

    [PostgresFact]
    public Task Batch_Malformed_RejectedWholeNothingStored() => MalformedBatchIsRejectedWholeAsync();

    [PostgresFact]
    public Task Configuration_IfNoneMatch_NotModifiedUntilChanged() => ConfigurationAnswersWithETagAsync();

    [PostgresFact]
    public Task Credential_OtherTenantsPagesRotationRevocation_Confined() => CredentialIsConfinedToItsSensorAsync();

    [PostgresFact]
    public Task RateLimit_Burst_429WithRetryAfterPerSensor() => BurstBeyondTheLimitIsThrottledAsync();

    [PostgresFact]
    public Task OpenApi_Document_ListsSensorRoutes() => OpenApiDocumentDescribesTheSensorApiAsync();
}
