using System.Net;
using System.Net.Http.Json;
using Mamori.Sensor.Shipping;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Sensors;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.IntegrationTests.Features.Ingest;

/// <summary>
/// The RabbitMQ pipeline on PostgreSQL: an API process that only publishes and worker processes
/// that share the queue, all on one database; and a broker restart in the middle of it, on a node
/// this test starts, stops and starts again itself. Each test uses its own queue.
/// </summary>
public sealed class PostgresRabbitMqPipelineTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [RabbitMqFact]
    public async Task TwoWorkerProcesses_BatchesAndReplays_EachStoredOnce()
    {
        var uri = RabbitMqTestSupport.RequireUri();
        var queue = "mamori.test." + Guid.NewGuid().ToString("N");
        var factory = await fixture.GetAsync();
        await using var api = Host(factory, uri, queue, workers: 0);
        await using var workerA = Host(factory, uri, queue, workers: 2);
        await using var workerB = Host(factory, uri, queue, workers: 2);
        using var _ = workerA.CreateClient();
        using var __ = workerB.CreateClient();

        var sensor = await factory.SensorAsync(10);
        var before = await SummariesAsync(factory, sensor.Id);
        using var client = api.CreateClient();
        var credential = await factory.EnrolledCredentialAsync(client, sensor);
        var batches = Enumerable.Range(1, 30).Select(i => SensorApiClient.Batch(i, extraNames: 20)).ToList();
        foreach (var batch in batches.Concat(batches.Take(10)))
        {
            using var response = await client.PostBatchAsync(credential, batch);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await WaitForBatchesAsync(factory, sensor.Id, 30);
        await Task.Delay(TimeSpan.FromSeconds(1)); // a late duplicate would land now
        await AssertStoredOnceAsync(factory, sensor.Id, batches, before);

        // Once stored, a replay is answered Duplicate by the API itself.
        using var replay = await client.PostBatchAsync(credential, batches[0]);
        Assert.True((await replay.Content.ReadFromJsonAsync(ShippingJsonContext.Default.BatchReceipt))!.Duplicate);
    }

    [RabbitMqNodeFact]
    public async Task BrokerRestart_QueuedAndRetriedBatches_NothingLostNothingDuplicated()
    {
        var directory = Directory.CreateTempSubdirectory("mamori-rabbit-").FullName;
        try
        {
            var uri = await RabbitMqTestSupport.NodeAsync("start", directory);
            var queue = "mamori.test." + Guid.NewGuid().ToString("N");
            var factory = await fixture.GetAsync();
            await using var api = Host(factory, uri, queue, workers: 0);
            var sensor = await factory.SensorAsync(11);
            var before = await SummariesAsync(factory, sensor.Id);
            using var client = api.CreateClient();
            var credential = await factory.EnrolledCredentialAsync(client, sensor);
            var batches = Enumerable.Range(1, 16).Select(i => SensorApiClient.Batch(i, extraNames: 5)).ToList();

            // 1-10 are queued (confirmed) while no worker runs.
            foreach (var batch in batches.Take(10))
            {
                using var response = await client.PostBatchAsync(credential, batch);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            // Broker down: the API must not say 200 for what it could not queue.
            await RabbitMqTestSupport.NodeAsync("stop", directory);
            using (var refused = await client.PostBatchAsync(credential, batches[10]))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.NotNull(refused.Headers.RetryAfter);
            }

            // Broker back (same node, same data): the agent's retry of 11 goes through once the
            // connection has recovered by itself, then 12-16 and a replay of 3.
            await RabbitMqTestSupport.NodeAsync("start", directory);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            HttpStatusCode status;
            do
            {
                using var retry = await client.PostBatchAsync(credential, batches[10]);
                status = retry.StatusCode;
                if (status != HttpStatusCode.OK)
                {
                    await Task.Delay(500);
                }
            }
            while (status != HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, status);

            foreach (var batch in batches.Skip(11).Append(batches[2]))
            {
                using var response = await client.PostBatchAsync(credential, batch);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            // Nothing stored yet: everything waits in the queue, across the restart.
            Assert.Equal(0, await factory.CountForSensorAsync<SensorBatchRecord>(sensor.Id));

            await using var worker = Host(factory, uri, queue, workers: 2);
            using var ___ = worker.CreateClient();
            await WaitForBatchesAsync(factory, sensor.Id, 16);
            await Task.Delay(TimeSpan.FromSeconds(1));
            await AssertStoredOnceAsync(factory, sensor.Id, batches, before);
        }
        finally
        {
            await RabbitMqTestSupport.NodeAsync("stop", directory);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static WebApplicationFactory<Program> Host(MamoriAppFactory factory, string uri, string queue, int workers) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Mamori:Ingest:RabbitMq:Uri", uri);
            builder.UseSetting("Mamori:Ingest:RabbitMq:Queue", queue);
            builder.UseSetting("Mamori:Ingest:RabbitMq:Workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mamori:Ingest:RateLimit:Burst", "1000");
        });

    private static async Task WaitForBatchesAsync(MamoriAppFactory factory, int sensorId, int expected)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await factory.CountForSensorAsync<SensorBatchRecord>(sensorId) < expected && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(250);
        }
    }

    /// <summary>Name and flow summaries the sensor already has (the demo data ships some): the batches add to these.</summary>
    private static async Task<(int Names, int Flows)> SummariesAsync(MamoriAppFactory factory, int sensorId) =>
        (await factory.CountForSensorAsync<SensorNameSummary>(sensorId), await factory.CountForSensorAsync<SensorFlowSummary>(sensorId));

    private static async Task AssertStoredOnceAsync(MamoriAppFactory factory, int sensorId, List<SensorBatch> batches, (int Names, int Flows) before)
    {
        var stored = await factory.QueryAsSystemAsync(db => db.Set<SensorBatchRecord>().Where(b => b.SensorId == sensorId).Select(b => b.BatchId).ToListAsync());
        Assert.Equal(batches.Select(b => b.BatchId).Order(), stored.Order());
        Assert.Equal(before.Names + batches.Sum(b => b.Names.Count), await factory.CountForSensorAsync<SensorNameSummary>(sensorId));
        Assert.Equal(before.Flows + batches.Count, await factory.CountForSensorAsync<SensorFlowSummary>(sensorId));
        var alertIds = batches.Select(b => b.Alerts[0].Id).ToList();
        Assert.Equal(batches.Count, await factory.QueryAsSystemAsync(db => db.SecurityAlerts.CountAsync(a => alertIds.Contains(a.ExternalId))));
        Assert.Equal(batches.Count, await factory.QueryAsSystemAsync(db => db.SecurityAlerts.CountAsync(a => a.SensorId == sensorId && a.State == AlertState.New)));
    }
}
