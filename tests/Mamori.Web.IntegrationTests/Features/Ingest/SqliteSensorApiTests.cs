using Mamori.Web.IntegrationTests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Ingest;

/// <summary>The sensor API on in-memory SQLite.</summary>
public sealed class SqliteSensorApiTests(SqliteAppFixture fixture)
    : SensorApiScenarios(fixture), IClassFixture<SqliteAppFixture>
{
    [Fact]
    public Task Batch_AfterEnrolment_StoredOnceWithSensorsIds() => EnrollThenBatchStoresEverythingOnceAsync();

    [Fact]
    public Task Enroll_WrongExpiredUsedRevoked_DistinctErrors() => EnrollErrorsAreDistinctAsync();

    [Fact]
    public Task Batch_Malformed_RejectedWholeNothingStored() => MalformedBatchIsRejectedWholeAsync();

    [Fact]
    public Task Configuration_IfNoneMatch_NotModifiedUntilChanged() => ConfigurationAnswersWithETagAsync();

    [Fact]
    public Task Credential_OtherTenantsPagesRotationRevocation_Confined() => CredentialIsConfinedToItsSensorAsync();

    [Fact]
    public Task RateLimit_Burst_429WithRetryAfterPerSensor() => BurstBeyondTheLimitIsThrottledAsync();

    [Fact]
    public Task OpenApi_Document_ListsSensorRoutes() => OpenApiDocumentDescribesTheSensorApiAsync();
}
