using Mamori.Sensor.Shipping;
using Mamori.Web.Data;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Ingest;

/// <summary>
/// Exchanges a one-time enrolment code for a per-sensor credential. The code is the only secret the
/// request carries, so the lookup ignores tenant filters; everything written afterwards is written as
/// the sensor's own company.
/// </summary>
public sealed class EnrollSensorHandler(AppDbContext db, TenantContext tenant, TimeProvider clock)
{
    public async Task<(EnrollResponse? Response, SensorApiError? Error)> HandleAsync(EnrollRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Code))
        {
            return (null, new SensorApiError(StatusCodes.Status401Unauthorized, SensorApiErrors.InvalidCode, "The enrolment code is missing."));
        }

        var hash = SensorSecrets.HashCode(request.Code);
        var code = await db.Set<SensorEnrollmentCode>().IgnoreQueryFilters()
            .Where(c => c.CodeHash == hash)
            .Select(c => new { c.Id, c.OperatorId, c.CompanyId, c.SensorId, c.ExpiresAt, c.UsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (code is null)
        {
            return (null, new SensorApiError(StatusCodes.Status401Unauthorized, SensorApiErrors.InvalidCode, "No sensor is waiting for this enrolment code. Check the code on the installation sheet."));
        }

        tenant.UseMember(code.OperatorId, code.CompanyId);
        var now = clock.GetUtcNow();
        var connection = await db.Set<SensorConnection>().SingleOrDefaultAsync(c => c.SensorId == code.SensorId, cancellationToken);
        if (connection?.RevokedAt is not null)
        {
            return (null, new SensorApiError(StatusCodes.Status403Forbidden, SensorApiErrors.Revoked, "This sensor was revoked by the operator; ask the operator for a new sensor."));
        }

        if (code.UsedAt is not null)
        {
            return (null, new SensorApiError(StatusCodes.Status409Conflict, SensorApiErrors.AlreadyEnrolled, "This enrolment code was already used: a sensor enrols once. Ask the operator for a new code to reinstall."));
        }

        if (code.ExpiresAt <= now)
        {
            return (null, new SensorApiError(StatusCodes.Status410Gone, SensorApiErrors.ExpiredCode, "This enrolment code has expired. Ask the operator for a new code."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Claim the code: of two concurrent enrolments with it, exactly one updates the row.
        var claimed = await db.Set<SensorEnrollmentCode>()
            .Where(c => c.Id == code.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return (null, new SensorApiError(StatusCodes.Status409Conflict, SensorApiErrors.AlreadyEnrolled, "This enrolment code was already used: a sensor enrols once."));
        }

        var secret = SensorSecrets.NewSecret();
        var hostName = Clip(request.HostName, 255);
        var version = Clip(request.AgentVersion, 50);
        if (connection is null)
        {
            connection = new SensorConnection
            {
                SensorId = code.SensorId,
                OperatorId = code.OperatorId,
                CompanyId = code.CompanyId,
                CredentialHash = SensorSecrets.Hash(secret),
                HostName = hostName,
                AgentVersion = version,
            };
            db.Set<SensorConnection>().Add(connection);
        }

        // A reinstall with a fresh code replaces the old credential.
        connection.CredentialHash = SensorSecrets.Hash(secret);
        connection.HostName = hostName;
        connection.AgentVersion = version;
        connection.EnrolledAt = now;
        connection.CredentialIssuedAt = now;
        connection.RotationRequired = false;
        connection.LastContactAt = now;
        connection.LastSequence = 0; // a fresh install numbers its batches from the start

        var sensor = await db.Sensors.SingleAsync(s => s.Id == code.SensorId, cancellationToken);
        if (sensor.Status is SensorStatus.Kitting or SensorStatus.Shipped)
        {
            sensor.Status = SensorStatus.Installed;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var names = await db.Sites.Where(s => s.Id == sensor.SiteId)
            .Select(s => new { Site = s.Name, Company = db.Companies.Where(c => c.Id == s.CompanyId).Select(c => c.Name).First() })
            .SingleAsync(cancellationToken);
        return (new EnrollResponse(sensor.Id, SensorSecrets.Credential(sensor.Id, secret), names.Company, names.Site), null);
    }

    private static string Clip(string? value, int max)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? "unknown" : value.Trim();
        return trimmed.Length <= max ? trimmed : trimmed[..max];
    }
}
