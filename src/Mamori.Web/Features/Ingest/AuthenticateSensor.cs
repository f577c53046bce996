using Mamori.Sensor.Shipping;
using Mamori.Web.Data;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Ingest;

/// <summary>
/// Checks <c>Authorization: Bearer {sensorId}.{secret}</c> against the stored hash. On success the
/// request's tenant becomes the sensor's company, so every query and write that follows is confined
/// to it by the same filters and write guard as a member user's.
/// </summary>
public sealed class AuthenticateSensorHandler(AppDbContext db, TenantContext tenant)
{
    public async Task<(SensorIdentity? Identity, SensorApiError? Error)> HandleAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (!SensorSecrets.TryParseBearer(authorization, out var sensorId, out var secret))
        {
            return (null, Invalid());
        }

        var row = await db.Set<SensorConnection>().IgnoreQueryFilters()
            .Where(c => c.SensorId == sensorId)
            .Join(db.Sensors.IgnoreQueryFilters(), c => c.SensorId, s => s.Id, (c, s) => new { c.CredentialHash, c.RevokedAt, c.OperatorId, c.CompanyId, s.SiteId, c.RotationRequired })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null || !SensorSecrets.Matches(secret, row.CredentialHash))
        {
            return (null, Invalid());
        }

        if (row.RevokedAt is not null)
        {
            return (null, new SensorApiError(StatusCodes.Status403Forbidden, SensorApiErrors.Revoked, "This sensor was revoked by the operator."));
        }

        tenant.UseMember(row.OperatorId, row.CompanyId);
        return (new SensorIdentity(sensorId, row.OperatorId, row.CompanyId, row.SiteId, row.RotationRequired), null);
    }

    private static SensorApiError Invalid() =>
        new(StatusCodes.Status401Unauthorized, SensorApiErrors.InvalidCredential, "Missing or invalid sensor credential (Authorization: Bearer {sensorId}.{secret}).");
}

/// <summary>Issues a new secret; the old one stops working at once.</summary>
public sealed class RotateSensorCredentialHandler(AppDbContext db, TimeProvider clock)
{
    public async Task<EnrollResponse?> HandleAsync(SensorIdentity sensor, string? authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        if (!SensorSecrets.TryParseBearer(authorization, out _, out var oldSecret))
        {
            return null;
        }

        var oldHash = SensorSecrets.Hash(oldSecret);
        var secret = SensorSecrets.NewSecret();
        var newHash = SensorSecrets.Hash(secret);
        var now = clock.GetUtcNow();

        // Conditional on the old hash: of two concurrent rotations only one wins, the other gets 401.
        var updated = await db.Set<SensorConnection>()
            .Where(c => c.SensorId == sensor.SensorId && c.CredentialHash == oldHash && c.RevokedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.CredentialHash, newHash)
                .SetProperty(c => c.CredentialIssuedAt, now)
                .SetProperty(c => c.RotationRequired, false)
                .SetProperty(c => c.LastContactAt, now), cancellationToken);
        if (updated == 0)
        {
            return null;
        }

        var names = await db.Sites.Where(s => s.Id == sensor.SiteId)
            .Select(s => new { Site = s.Name, Company = db.Companies.Where(c => c.Id == s.CompanyId).Select(c => c.Name).First() })
            .SingleAsync(cancellationToken);
        return new EnrollResponse(sensor.SensorId, SensorSecrets.Credential(sensor.SensorId, secret), names.Company, names.Site);
    }
}
