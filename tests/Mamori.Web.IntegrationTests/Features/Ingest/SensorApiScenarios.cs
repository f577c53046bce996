using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mamori.Sensor.Shipping;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Sensors;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.IntegrationTests.Features.Ingest;

/// <summary>
/// The sensor API through the real HTTP stack on SQLite and PostgreSQL: enrolment and its errors,
/// batches stored whole and once, validation, configuration with ETags, rotation, revocation and
/// tenant isolation. Each scenario uses its own demo sensor.
/// </summary>
public abstract class SensorApiScenarios(AppFixture fixture)
{
    protected async Task EnrollThenBatchStoresEverythingOnceAsync()
    {
        var factory = await fixture.GetAsync();
        var sensor = await factory.SensorAsync(0);
        using var client = factory.CreateClient();
        using var enroll = await client.EnrollAsync(await factory.NewCodeAsync(sensor));
        Assert.Equal(HttpStatusCode.OK, enroll.StatusCode);
        var enrolled = await enroll.Content.ReadFromJsonAsync(ShippingJsonContext.Default.EnrollResponse);
        Assert.Equal(sensor.Id, enrolled!.SensorId);
        Assert.Equal(await factory.QueryAsSystemAsync(db => db.Companies.Where(c => c.Id == sensor.CompanyId).Select(c => c.Name).SingleAsync()), enrolled.CompanyName);
        Assert.StartsWith(sensor.Id + ".", enrolled.Credential, StringComparison.Ordinal);
        var stored = await factory.QueryAsSystemAsync(db => db.Set<SensorConnection>().SingleAsync(c => c.SensorId == sensor.Id));
        Assert.DoesNotContain(enrolled.Credential.Split('.')[1], stored.CredentialHash, StringComparison.Ordinal);
        Assert.Equal(64, stored.CredentialHash.Length);

        // Demo data already holds counters and heartbeats of this sensor: count what the batches add.
        var counters = await factory.CountForSensorAsync<SensorCounterInterval>(sensor.Id);
        var heartbeats = await factory.CountForSensorAsync<SensorHeartbeat>(sensor.Id);
        var names = await factory.CountForSensorAsync<SensorNameSummary>(sensor.Id);
        var flows = await factory.CountForSensorAsync<SensorFlowSummary>(sensor.Id);
        var alertId = Guid.NewGuid();
        var batch = SensorApiClient.Batch(1, alertId);
        using (var first = await client.PostBatchAsync(enrolled.Credential, batch))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var receipt = await first.Content.ReadFromJsonAsync(ShippingJsonContext.Default.BatchReceipt);
            Assert.False(receipt!.Duplicate);
            Assert.Equal(batch.BatchId, receipt.BatchId);
            Assert.False(string.IsNullOrEmpty(receipt.ConfigurationEtag));
        }

        var alert = await factory.QueryAsSystemAsync(db => db.SecurityAlerts.SingleAsync(a => a.ExternalId == alertId));
        Assert.Equal((sensor.OperatorId, sensor.CompanyId, (int?)sensor.SiteId, (int?)sensor.Id), (alert.OperatorId, alert.CompanyId, alert.SiteId, alert.SensorId));
        Assert.Equal(AlertState.New, alert.State);
        Assert.Equal(("192.168.10.21", (int?)51234, "PC-SOUMU-01", "192.168.10.1", (int?)445), (alert.SrcIp, alert.SrcPort, alert.SrcName, alert.DstIp, alert.DstPort));
        Assert.Equal(3, alert.Count);
        Assert.Contains("120 ports", alert.Evidence, StringComparison.Ordinal);

        var observation = await factory.QueryAsSystemAsync(db => db.DeviceObservations.SingleAsync(o => o.SensorId == sensor.Id));
        Assert.Equal(("aa:bb:cc:00:11:22", "PC-SOUMU-01.local", "dhcp", (DateTimeOffset?)null, sensor.CompanyId), (observation.MacAddress, observation.Names, observation.Source, observation.ProcessedAt, observation.CompanyId));
        Assert.Equal(counters + 1, await factory.CountForSensorAsync<SensorCounterInterval>(sensor.Id));
        Assert.Equal(names + 1, await factory.CountForSensorAsync<SensorNameSummary>(sensor.Id));
        Assert.Equal(flows + 1, await factory.CountForSensorAsync<SensorFlowSummary>(sensor.Id));
        var health = await factory.QueryAsSystemAsync(db => db.Set<SensorConnection>().SingleAsync(c => c.SensorId == sensor.Id));
        Assert.Equal((1L, 5L, "flows=2"), (health.LastSequence, health.CaptureDrops, health.LostItems));
        Assert.NotNull(health.LastContactAt);

        // The same batch again: 200, Duplicate, nothing stored twice.
        using (var replay = await client.PostBatchAsync(enrolled.Credential, batch))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.True((await replay.Content.ReadFromJsonAsync(ShippingJsonContext.Default.BatchReceipt))!.Duplicate);
        }

        Assert.Equal(1, await factory.CountForSensorAsync<DeviceObservation>(sensor.Id));
        Assert.Equal(names + 1, await factory.CountForSensorAsync<SensorNameSummary>(sensor.Id));
        Assert.Equal(heartbeats + 1, await factory.CountForSensorAsync<SensorHeartbeat>(sensor.Id));

        // A later snapshot of the same finding updates the alert in place.
        using (var grown = await client.PostBatchAsync(enrolled.Credential, SensorApiClient.Batch(2, alertId, alertCount: 9)))
        {
            Assert.Equal(HttpStatusCode.OK, grown.StatusCode);
        }

        var updated = await factory.QueryAsSystemAsync(db => db.SecurityAlerts.Where(a => a.ExternalId == alertId).ToListAsync());
        Assert.Equal(9, Assert.Single(updated).Count);
        Assert.Equal(counters + 2, await factory.CountForSensorAsync<SensorCounterInterval>(sensor.Id));
    }

    protected async Task EnrollErrorsAreDistinctAsync()
    {
        var factory = await fixture.GetAsync();
        var sensor = await factory.SensorAsync(1);
        using var client = factory.CreateClient();

        await AssertProblemAsync(await client.EnrollAsync("NOPE0-NOPE0-NOPE0-NOPE0"), HttpStatusCode.Unauthorized, SensorApiErrors.InvalidCode);
        await AssertProblemAsync(await client.EnrollAsync(await factory.NewCodeAsync(sensor, TimeSpan.FromMinutes(-1))), HttpStatusCode.Gone, SensorApiErrors.ExpiredCode);

        var code = await factory.NewCodeAsync(sensor);
        using (var ok = await client.EnrollAsync(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode); // typed by hand: case and separators do not matter
        }

        await AssertProblemAsync(await client.EnrollAsync(code), HttpStatusCode.Conflict, SensorApiErrors.AlreadyEnrolled);

        var unused = await factory.NewCodeAsync(sensor);
        await factory.QueryAsSystemAsync(db => db.Set<SensorConnection>().Where(c => c.SensorId == sensor.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, DateTimeOffset.UtcNow)));
        await AssertProblemAsync(await client.EnrollAsync(unused), HttpStatusCode.Forbidden, SensorApiErrors.Revoked);
    }

    protected async Task MalformedBatchIsRejectedWholeAsync()
    {
        var factory = await fixture.GetAsync();
        var sensor = await factory.SensorAsync(2);
        using var client = factory.CreateClient();
        var credential = await factory.EnrolledCredentialAsync(client, sensor);
        var names = await factory.CountForSensorAsync<SensorNameSummary>(sensor.Id);

        // One bad address among valid items: 400, and not even the valid items are stored.
        var bad = SensorApiClient.Batch(1) with
        {
            Flows = [new FlowSummary("192.168.10.21", "not-an-ip", 443, "tcp", SensorApiClient.T0, SensorApiClient.T0, 1, 1)],
        };
        var problem = await AssertProblemAsync(await client.PostBatchAsync(credential, bad), HttpStatusCode.BadRequest, SensorApiErrors.InvalidBatch);
        Assert.Contains("flows[0].serverIp", problem.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);

        var tooLong = SensorApiClient.Batch(2) with { Names = [new NameSummary("dns", new string('a', 256), "10.0.0.1", SensorApiClient.T0, SensorApiClient.T0, 1)] };
        await AssertProblemAsync(await client.PostBatchAsync(credential, tooLong), HttpStatusCode.BadRequest, SensorApiErrors.InvalidBatch);

        var json = JsonSerializer.Serialize(SensorApiClient.Batch(3), ShippingJsonContext.Default.SensorBatch).Replace("\"port_scan\"", "\"teleportation\"", StringComparison.Ordinal);
        await AssertProblemAsync(await client.PostRawBatchAsync(credential, json), HttpStatusCode.BadRequest, SensorApiErrors.InvalidBatch);
        await AssertProblemAsync(await client.PostRawBatchAsync(credential, "{\"batchId\":"), HttpStatusCode.BadRequest, SensorApiErrors.InvalidBatch);

        Assert.Equal(0, await factory.CountForSensorAsync<SensorBatchRecord>(sensor.Id));
        Assert.Equal(0, await factory.CountForSensorAsync<SecurityAlert>(sensor.Id));
        Assert.Equal(names, await factory.CountForSensorAsync<SensorNameSummary>(sensor.Id));
        Assert.Equal(0, await factory.CountForSensorAsync<DeviceObservation>(sensor.Id));
    }

    protected async Task ConfigurationAnswersWithETagAsync()
    {
        var factory = await fixture.GetAsync();
        var sensor = await factory.SensorAsync(3);
        using var client = factory.CreateClient();
        var credential = await factory.EnrolledCredentialAsync(client, sensor);

        using var first = await client.SendAsync(SensorApiClient.Bearer(HttpMethod.Get, SensorApi.ConfigurationPath, credential));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.Tag;
        var document = await first.Content.ReadFromJsonAsync(ShippingJsonContext.Default.SensorConfigurationDocument);
        Assert.Equal(JsonValueKind.Object, document!.Detection.ValueKind);
        Assert.True(document.Detection.TryGetProperty("portScan", out _));

        using var again = SensorApiClient.Bearer(HttpMethod.Get, SensorApi.ConfigurationPath, credential);
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // A sensor-specific setting changes the document and so the ETag.
        await factory.QueryAsSystemAsync(async db =>
        {
            db.Set<SensorSettings>().Add(new SensorSettings
            {
                OperatorId = sensor.OperatorId,
                SensorId = sensor.Id,
                DetectionJson = "{\"portScan\":{}}",
                IntelFeedUrls = "https://feeds.example.jp/c2.json",
            });
            return await db.SaveChangesAsync();
        });
        using var changedRequest = SensorApiClient.Bearer(HttpMethod.Get, SensorApi.ConfigurationPath, credential);
        changedRequest.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var changed = await client.SendAsync(changedRequest);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        var newDocument = await changed.Content.ReadFromJsonAsync(ShippingJsonContext.Default.SensorConfigurationDocument);
        Assert.Equal(["https://feeds.example.jp/c2.json"], newDocument!.IntelFeedUrls);
    }

    protected async Task CredentialIsConfinedToItsSensorAsync()
    {
        var factory = await fixture.GetAsync();
        var sensor = await factory.SensorAsync(4);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var credential = await factory.EnrolledCredentialAsync(client, sensor);

        // It cannot read anything: the JSON API and the pages ignore it.
        foreach (var path in new[] { "/api/companies", "/api/operators", "/sensors", "/sensors/mine", "/helpdesk", "/" })
        {
            using var response = await client.SendAsync(SensorApiClient.Bearer(HttpMethod.Get, path, credential));
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.Forbidden,
                $"{path} answered {(int)response.StatusCode} to a sensor credential");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
            }
        }

        // Another sensor's id with this secret is refused; what it writes lands in its own company only.
        var other = await factory.QueryAsSystemAsync(db => db.Sensors.OrderBy(s => s.Id).Skip(5).FirstAsync(s => s.CompanyId != sensor.CompanyId));
        await factory.EnrolledCredentialAsync(client, other);
        var forged = other.Id + "." + credential.Split('.')[1];
        await AssertProblemAsync(await client.PostBatchAsync(forged, SensorApiClient.Batch(1)), HttpStatusCode.Unauthorized, SensorApiErrors.InvalidCredential);
        var alertId = Guid.NewGuid();
        using (var own = await client.PostBatchAsync(credential, SensorApiClient.Batch(1, alertId)))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        Assert.Equal(sensor.CompanyId, await factory.QueryAsSystemAsync(db => db.SecurityAlerts.Where(a => a.ExternalId == alertId).Select(a => a.CompanyId).SingleAsync()));

        // Rotation: the old secret stops working at once, the new one works.
        using var rotate = await client.SendAsync(SensorApiClient.Bearer(HttpMethod.Post, SensorApi.RotatePath, credential));
        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var rotated = (await rotate.Content.ReadFromJsonAsync(ShippingJsonContext.Default.EnrollResponse))!.Credential;
        Assert.NotEqual(credential, rotated);
        await AssertProblemAsync(await client.PostBatchAsync(credential, SensorApiClient.Batch(2)), HttpStatusCode.Unauthorized, SensorApiErrors.InvalidCredential);
        using (var fresh = await client.PostBatchAsync(rotated, SensorApiClient.Batch(3)))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // Revoked: refused with 403, whatever it sends.
        await factory.QueryAsSystemAsync(db => db.Set<SensorConnection>().Where(c => c.SensorId == sensor.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, DateTimeOffset.UtcNow)));
        await AssertProblemAsync(await client.PostBatchAsync(rotated, SensorApiClient.Batch(4)), HttpStatusCode.Forbidden, SensorApiErrors.Revoked);
        await AssertProblemAsync(await client.SendAsync(SensorApiClient.Bearer(HttpMethod.Get, SensorApi.ConfigurationPath, rotated)), HttpStatusCode.Forbidden, SensorApiErrors.Revoked);
    }

    protected async Task BurstBeyondTheLimitIsThrottledAsync()
    {
        var factory = await fixture.GetAsync();
        var sensor = await factory.SensorAsync(6);
        using var client = factory.CreateClient();
        var credential = await factory.EnrolledCredentialAsync(client, sensor);

        // Someone hammering with this sensor's id and a wrong secret fills a bucket of their own, not the sensor's.
        var forged = credential.Split('.')[0] + ".not-the-secret";
        var forgedThrottled = false;
        for (var i = 0; i < 200 && !forgedThrottled; i++)
        {
            using var response = await client.SendAsync(SensorApiClient.Bearer(HttpMethod.Get, SensorApi.ConfigurationPath, forged));
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"a forged credential answered {(int)response.StatusCode}");
            forgedThrottled = response.StatusCode == HttpStatusCode.TooManyRequests;
        }

        Assert.True(forgedThrottled, "200 forged requests were never throttled");
        using (var stillServed = await client.SendAsync(SensorApiClient.Bearer(HttpMethod.Get, SensorApi.ConfigurationPath, credential)))
        {
            Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
        }

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 200 && limited is null; i++)
        {
            var response = await client.SendAsync(SensorApiClient.Bearer(HttpMethod.Get, SensorApi.ConfigurationPath, credential));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, SensorApiErrors.RateLimited);

        // Another sensor is not affected by this one's bucket.
        var other = await factory.SensorAsync(8);
        var otherCredential = await factory.EnrolledCredentialAsync(client, other);
        using var fine = await client.SendAsync(SensorApiClient.Bearer(HttpMethod.Get, SensorApi.ConfigurationPath, otherCredential));
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    protected async Task OpenApiDocumentDescribesTheSensorApiAsync()
    {
        var factory = await fixture.GetAsync();
        using var client = factory.CreateClient();
        var json = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var document = JsonDocument.Parse(json);
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { SensorApi.EnrollPath, SensorApi.BatchesPath, SensorApi.ConfigurationPath, SensorApi.RotatePath })
        {
            Assert.True(paths.TryGetProperty(path, out _), path + " is missing from the OpenAPI document");
        }
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.EndsWith("/" + code, problem.GetProperty("type").GetString(), StringComparison.Ordinal);
            return problem.Clone();
        }
    }
}
