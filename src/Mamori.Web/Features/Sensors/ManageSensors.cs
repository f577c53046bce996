using Mamori.Web.Data;
using Mamori.Web.Features.Ingest;
using Mamori.Web.Features.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Sensors;

/// <summary>A command's outcome: a value, or the resource key (SensorsResource) of a message; a failure changed nothing.</summary>
public sealed record SensorResult<T>(T? Value, string? Error)
{
    public bool Succeeded => Error is null;
}

public static class SensorResult
{
    public static SensorResult<T> Ok<T>(T value) => new(value, null);

    public static SensorResult<T> Fail<T>(string error) => new(default, error);
}

/// <summary>A freshly issued enrolment code: shown once, on the installation sheet, never stored in clear.</summary>
public sealed record IssuedCode(int SensorId, string Code, DateTimeOffset ExpiresAt);

public sealed record CreateSensorRequest(int SiteId, string? Name, string? SerialNumber);

/// <summary>The operator registers a sensor for a company's site and gets its first enrolment code.</summary>
public sealed class CreateSensorHandler(AppDbContext db, IssueEnrollmentCodeHandler issue)
{
    public async Task<SensorResult<IssuedCode>> HandleAsync(CreateSensorRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == request.SiteId, cancellationToken);
        if (site is null)
        {
            return SensorResult.Fail<IssuedCode>("Create.SiteRequired");
        }

        var serial = request.SerialNumber?.Trim() ?? "";
        var name = request.Name?.Trim() ?? "";
        if (serial.Length is 0 or > 64 || name.Length is 0 or > 200)
        {
            return SensorResult.Fail<IssuedCode>("Create.NameAndSerialRequired");
        }

        if (await db.Sensors.IgnoreQueryFilters().AnyAsync(s => s.SerialNumber == serial, cancellationToken))
        {
            return SensorResult.Fail<IssuedCode>("Create.SerialTaken");
        }

        var sensor = new NetworkSensor
        {
            OperatorId = site.OperatorId,
            CompanyId = site.CompanyId,
            SiteId = site.Id,
            Name = name,
            SerialNumber = serial,
            Status = SensorStatus.Kitting,
        };
        db.Sensors.Add(sensor);
        await db.SaveChangesAsync(cancellationToken);
        return await issue.HandleAsync(sensor.Id, cancellationToken);
    }
}

/// <summary>A new one-time enrolment code for a sensor (install or reinstall); earlier unused codes stop working.</summary>
public sealed class IssueEnrollmentCodeHandler(AppDbContext db, TimeProvider clock, IOptions<IngestOptions> options)
{
    public async Task<SensorResult<IssuedCode>> HandleAsync(int sensorId, CancellationToken cancellationToken)
    {
        var sensor = await db.Sensors.SingleOrDefaultAsync(s => s.Id == sensorId, cancellationToken);
        if (sensor is null)
        {
            return SensorResult.Fail<IssuedCode>("Sensor.NotFound");
        }

        if (await db.Set<SensorConnection>().AnyAsync(c => c.SensorId == sensorId && c.RevokedAt != null, cancellationToken))
        {
            return SensorResult.Fail<IssuedCode>("Sensor.RevokedNoCode");
        }

        var now = clock.GetUtcNow();
        await ExpirePendingAsync(db, sensorId, now, cancellationToken);

        var code = SensorSecrets.NewEnrollmentCode();
        var expires = now + options.Value.EnrollmentCodeLifetime;
        db.Set<SensorEnrollmentCode>().Add(new SensorEnrollmentCode
        {
            OperatorId = sensor.OperatorId,
            CompanyId = sensor.CompanyId,
            SensorId = sensor.Id,
            CodeHash = SensorSecrets.HashCode(code),
            CreatedAt = now,
            ExpiresAt = expires,
        });
        await db.SaveChangesAsync(cancellationToken);
        return SensorResult.Ok<IssuedCode>(new IssuedCode(sensor.Id, code, expires));
    }

    /// <summary>Ends the sensor's unused codes now (filtered in memory: SQLite cannot compare DateTimeOffset).</summary>
    internal static async Task ExpirePendingAsync(AppDbContext db, int sensorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unused = await db.Set<SensorEnrollmentCode>().Where(c => c.SensorId == sensorId && c.UsedAt == null).ToListAsync(cancellationToken);
        foreach (var code in unused.Where(c => c.ExpiresAt > now))
        {
            code.ExpiresAt = now;
        }
    }
}

/// <summary>Revokes a sensor's credential (a lost or returned box): every call of it is refused from now on.</summary>
public sealed class RevokeSensorHandler(AppDbContext db, TimeProvider clock)
{
    public async Task<SensorResult<bool>> HandleAsync(int sensorId, CancellationToken cancellationToken)
    {
        var connection = await db.Set<SensorConnection>().SingleOrDefaultAsync(c => c.SensorId == sensorId, cancellationToken);
        if (connection is null)
        {
            return SensorResult.Fail<bool>("Sensor.NotEnrolled");
        }

        connection.RevokedAt ??= clock.GetUtcNow();
        await IssueEnrollmentCodeHandler.ExpirePendingAsync(db, sensorId, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return SensorResult.Ok<bool>(true);
    }
}

/// <summary>
/// Asks the sensor to rotate its credential: its next batch receipt carries the
/// <c>Mamori-Rotate-Credential: true</c> header until it calls the rotate route.
/// </summary>
public sealed class RequireRotationHandler(AppDbContext db)
{
    public async Task<SensorResult<bool>> HandleAsync(int sensorId, CancellationToken cancellationToken)
    {
        var connection = await db.Set<SensorConnection>().SingleOrDefaultAsync(c => c.SensorId == sensorId && c.RevokedAt == null, cancellationToken);
        if (connection is null)
        {
            return SensorResult.Fail<bool>("Sensor.NotEnrolled");
        }

        connection.RotationRequired = true;
        await db.SaveChangesAsync(cancellationToken);
        return SensorResult.Ok<bool>(true);
    }
}

public sealed record SensorDetail(
    SensorListItem Sensor,
    int CompanyId,
    string? HostName,
    DateTimeOffset? EnrolledAt,
    DateTimeOffset? CredentialIssuedAt,
    DateTimeOffset? RevokedAt,
    bool RotationRequired,
    DateTimeOffset? AgentStartedAt,
    long QueueBytes,
    string? LostItems,
    DateTimeOffset? PendingCodeExpiresAt,
    IReadOnlyList<SensorHeartbeat> Heartbeats,
    IReadOnlyList<SensorCounterInterval> Counters);

/// <summary>One sensor with its latest health, heartbeat history and recent counters.</summary>
public sealed class GetSensorDetailHandler(AppDbContext db, ListSensorsHandler list, TimeProvider clock)
{
    public async Task<SensorDetail?> HandleAsync(int sensorId, CancellationToken cancellationToken)
    {
        var item = (await list.HandleAsync(false, cancellationToken)).FirstOrDefault(s => s.Id == sensorId);
        if (item is null)
        {
            return null;
        }

        var sensor = await db.Sensors.SingleAsync(s => s.Id == sensorId, cancellationToken);
        var connection = await db.Set<SensorConnection>().SingleOrDefaultAsync(c => c.SensorId == sensorId, cancellationToken);
        var now = clock.GetUtcNow();
        var pending = (await db.Set<SensorEnrollmentCode>()
            .Where(c => c.SensorId == sensorId && c.UsedAt == null)
            .Select(c => c.ExpiresAt)
            .ToListAsync(cancellationToken))
            .Where(e => e > now)
            .Select(e => (DateTimeOffset?)e)
            .Max();
        var heartbeats = await db.Set<SensorHeartbeat>().Where(h => h.SensorId == sensorId)
            .OrderByDescending(h => h.Id).Take(48).ToListAsync(cancellationToken);
        var counters = await db.SensorCounters.Where(c => c.SensorId == sensorId)
            .OrderByDescending(c => c.Id).Take(28).ToListAsync(cancellationToken);
        return new SensorDetail(
            item, sensor.CompanyId, connection?.HostName, connection?.EnrolledAt, connection?.CredentialIssuedAt, connection?.RevokedAt,
            connection?.RotationRequired ?? false, connection?.AgentStartedAt, connection?.QueueBytes ?? 0, connection?.LostItems,
            pending, heartbeats, counters.OrderBy(c => c.Start).ToList());
    }
}

public sealed record SiteOption(int Id, string CompanyName, string SiteName, SiteKind Kind);

/// <summary>Sites a new sensor can be registered for.</summary>
public sealed class ListSiteOptionsHandler(AppDbContext db)
{
    public async Task<IReadOnlyList<SiteOption>> HandleAsync(CancellationToken cancellationToken) =>
        (await (from s in db.Sites
                join c in db.Companies on s.CompanyId equals c.Id
                select new SiteOption(s.Id, c.Name, s.Name, s.Kind)).ToListAsync(cancellationToken))
        .OrderBy(o => o.CompanyName, StringComparer.Ordinal).ThenBy(o => o.Id).ToList();
}
