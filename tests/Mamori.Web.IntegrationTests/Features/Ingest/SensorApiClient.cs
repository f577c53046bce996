using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Shipping;
using Mamori.Web.Features.Ingest;
using Mamori.Web.Features.Sensors;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.IntegrationTests.Features.Ingest;

/// <summary>What the tests need to act as a sensor: codes planted in the database, batches, bearer calls.</summary>
internal static class SensorApiClient
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(9));

    /// <summary>The n-th demo sensor (by id): each scenario takes its own, so they cannot disturb each other.</summary>
    public static Task<NetworkSensor> SensorAsync(this MamoriAppFactory factory, int index) =>
        factory.QueryAsSystemAsync(db => db.Sensors.OrderBy(s => s.Id).Skip(index).FirstAsync());

    /// <summary>Plants an enrolment code for the sensor, as the operator page does, and returns it.</summary>
    public static async Task<string> NewCodeAsync(this MamoriAppFactory factory, NetworkSensor sensor, TimeSpan? expiresIn = null)
    {
        var code = SensorSecrets.NewEnrollmentCode();
        await factory.QueryAsSystemAsync(async db =>
        {
            db.Set<SensorEnrollmentCode>().Add(new SensorEnrollmentCode
            {
                OperatorId = sensor.OperatorId,
                CompanyId = sensor.CompanyId,
                SensorId = sensor.Id,
                CodeHash = SensorSecrets.HashCode(code),
                CreatedAt = DateTimeOffset.UnixEpoch,
                ExpiresAt = DateTimeOffset.UtcNow.Add(expiresIn ?? TimeSpan.FromDays(1)),
            });
            return await db.SaveChangesAsync();
        });
        return code;
    }

    public static async Task<HttpResponseMessage> EnrollAsync(this HttpClient client, string code) =>
        await client.PostAsJsonAsync(SensorApi.EnrollPath, new EnrollRequest(code, "sensor-host", "1.0.0"), ShippingJsonContext.Default.EnrollRequest);

    /// <summary>Enrols a sensor with a fresh code and returns its credential.</summary>
    public static async Task<string> EnrolledCredentialAsync(this MamoriAppFactory factory, HttpClient client, NetworkSensor sensor)
    {
        using var response = await client.EnrollAsync(await factory.NewCodeAsync(sensor));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync(ShippingJsonContext.Default.EnrollResponse);
        return body!.Credential;
    }

    public static HttpRequestMessage Bearer(HttpMethod method, string path, string credential, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return request;
    }

    public static async Task<HttpResponseMessage> PostBatchAsync(this HttpClient client, string credential, SensorBatch batch)
    {
        using var request = Bearer(HttpMethod.Post, SensorApi.BatchesPath, credential, JsonContent.Create(batch, ShippingJsonContext.Default.SensorBatch));
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostRawBatchAsync(this HttpClient client, string credential, string json)
    {
        using var request = Bearer(HttpMethod.Post, SensorApi.BatchesPath, credential, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        return await client.SendAsync(request);
    }

    /// <summary>A batch with one item of every kind; <paramref name="alertId"/> lets tests replay a finding.</summary>
    public static SensorBatch Batch(long sequence, Guid? alertId = null, long alertCount = 3, string clientIp = "192.168.10.21", int extraNames = 0) => new()
    {
        BatchId = Guid.NewGuid(),
        Sequence = sequence,
        CreatedAt = T0.AddMinutes(sequence),
        AgentVersion = "1.0.0",
        Alerts =
        [
            new ShippedAlert(alertId ?? Guid.NewGuid(), new Alert
            {
                Type = AlertType.PortScan,
                KillChain = KillChainStage.Reconnaissance,
                Severity = AlertSeverity.Medium,
                Src = new AlertEndpoint(clientIp, 51234, "PC-SOUMU-01"),
                Dst = new AlertEndpoint("192.168.10.1", 445, null),
                FirstSeen = T0,
                LastSeen = T0.AddMinutes(sequence),
                Count = alertCount,
                Evidence = "scanned 120 ports of 192.168.10.1 in 30 s",
            }),
        ],
        Counters = [new CounterInterval(T0.AddMinutes(5 * sequence), T0.AddMinutes(5 * sequence + 5), 1000, 800_000, 40, 120, 1, 7, 0)],
        Devices = [new DeviceSighting("aa:bb:cc:00:11:22", clientIp, T0, T0.AddMinutes(1), "PC-SOUMU-01", ["PC-SOUMU-01.local"], "MSFT 5.0", null, "dhcp")],
        Names = [new NameSummary("dns", "example.co.jp", clientIp, T0, T0.AddMinutes(1), 4), .. Enumerable.Range(0, extraNames).Select(i => new NameSummary("dns", $"n{i}.example.jp", clientIp, T0, T0, 1))],
        Flows = [new FlowSummary(clientIp, "203.0.113.10", 443, "tcp", T0, T0.AddMinutes(1), 3, 12_000)],
        Health = new SensorHealth(T0.AddHours(-1), 5, 0, 0, 3.5, 80_000_000, new Dictionary<string, long> { ["flows"] = 2 }),
    };

    public static Task<int> CountForSensorAsync<T>(this MamoriAppFactory factory, int sensorId)
        where T : class =>
        factory.QueryAsSystemAsync(db => db.Set<T>().CountAsync(e => EF.Property<int?>(e, "SensorId") == sensorId));
}
