using Mamori.Cli.Commands;
using Mamori.Lab;
using Mamori.Sensor.Agent;
using Mamori.Sensor.Tests.Agent;

namespace Mamori.Cli.Tests.Commands;

/// <summary>
/// Process-level fault tests of <c>mamori sensor run</c> (R-5.1 "loses nothing"): the agent replays a lab
/// capture recorded by real programs, is SIGKILLed mid-batch and restarted, the receiver is stopped
/// mid-stream and restarted; afterwards every alert and every counter interval is present exactly once
/// and equal to an uninterrupted run.
/// </summary>
public sealed class SensorAgentFaultTests : IDisposable
{
    private const string Scenario = "portscan";
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromSeconds(120);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("mamori-agent-");

    public void Dispose() => _work.Delete(recursive: true);

    private static string[] RunArguments(string capture, string state) =>
    [
        "sensor", "run", "--read", capture, "--state-dir", state,
        "--ship-interval", "0.2", "--counter-interval", "0.2", "--replay-pps", "600",
    ];

    private async Task<string> EnrollAsync(SensorTestReceiver receiver, string name)
    {
        var state = Path.Combine(_work.FullName, name);
        using var http = new HttpClient();
        using var output = new StringWriter();
        var exit = await SensorEnrollment.EnrollAsync(http, receiver.BaseAddress, SensorTestReceiver.GoodCode, state, false, false, output);
        Assert.True(exit == 0, output.ToString());
        return state;
    }

    [LabFact(Scenario)]
    public async Task Run_KilledMidBatchAndReceiverRestarted_EveryAlertAndCounterArrivesExactlyOnce()
    {
        var capture = LabCaptures.Get(Scenario);
        var packets = Tshark.Count(capture.PcapPath, "frame");

        // Reference: one uninterrupted run.
        using var reference = new SensorTestReceiver();
        reference.Start();
        var referenceState = await EnrollAsync(reference, "reference");
        using (var run = SensorAgentProcess.Start(RunArguments(capture.PcapPath, referenceState)))
        {
            Assert.True(await run.WaitAsync(s_runTimeout) == 0, run.Output);
        }

        Assert.Equal(packets, reference.Counters.Values.Sum(c => c.Packets));
        Assert.NotEmpty(reference.Alerts);

        // Faults: SIGKILL three times at random points, the receiver down across two of the restarts.
        using var receiver = new SensorTestReceiver();
        receiver.Start();
        var state = await EnrollAsync(receiver, "faulty");
        var random = new Random(20261207);
        var killedWithWork = 0;
        for (var round = 0; round < 3; round++)
        {
            if (round == 1)
            {
                receiver.Stop(); // the office's line is down: the agent keeps capturing into its queue
            }

            using var run = SensorAgentProcess.Start(RunArguments(capture.PcapPath, state));
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1_200, 2_600)));
            if (round == 2)
            {
                receiver.Start(); // back mid-stream
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 700)));
            }

            killedWithWork += run.HasExited ? 0 : 1;
            run.Kill();
        }

        using (var last = SensorAgentProcess.Start(RunArguments(capture.PcapPath, state)))
        {
            Assert.True(await last.WaitAsync(s_runTimeout) == 0, last.Output);
        }

        Assert.Equal(3, killedWithWork); // every kill landed while the agent was still working
        Assert.Empty(receiver.DuplicateCounters);
        Assert.Equal(packets, receiver.Counters.Values.Sum(c => c.Packets));
        Assert.Equal(
            reference.Counters.OrderBy(c => c.Key).Select(c => (c.Key, c.Value.Packets, c.Value.Bytes)),
            receiver.Counters.OrderBy(c => c.Key).Select(c => (c.Key, c.Value.Packets, c.Value.Bytes)));
        Assert.Equal(reference.Alerts.Keys.Order(), receiver.Alerts.Keys.Order());
        foreach (var (id, alert) in reference.Alerts)
        {
            Assert.Equal(alert.Alert.Count, receiver.Alerts[id].Alert.Count);
            Assert.Equal(alert.Alert.Type, receiver.Alerts[id].Alert.Type);
        }

        Assert.Equal(receiver.Sequences.Count, receiver.Sequences.Distinct().Count());
        Assert.Empty(Directory.GetFiles(Path.Combine(state, "queue"), "*.batch")); // everything acknowledged, then deleted
    }

    /// <summary>
    /// The sensor sits in a network namespace the test creates, joined to the host by a veth pair
    /// (10.77.250.0/30, on these two interfaces only); the host end is taken down mid-stream and brought back.
    /// </summary>
    [LabFact(Scenario, Tools = ["ip:iproute2"])]
    public async Task Run_NetworkLinkCutAndRestored_EveryAlertAndCounterArrivesExactlyOnce()
    {
        var capture = LabCaptures.Get(Scenario);
        var packets = Tshark.Count(capture.PcapPath, "frame");
        var id = Environment.ProcessId % 10_000;
        var ns = $"mamori-cut-{id}";
        var hostEnd = $"mcut{id}h";
        var sensorEnd = $"mcut{id}s";
        try
        {
            Ip("netns", "add", ns);
            Ip("link", "add", hostEnd, "type", "veth", "peer", "name", sensorEnd);
            Ip("link", "set", sensorEnd, "netns", ns);
            Ip("addr", "add", "10.77.250.1/30", "dev", hostEnd);
            Ip("link", "set", hostEnd, "up");
            Ip("netns", "exec", ns, "ip", "addr", "add", "10.77.250.2/30", "dev", sensorEnd);
            Ip("netns", "exec", ns, "ip", "link", "set", sensorEnd, "up");
            Ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");

            using var receiver = new SensorTestReceiver(host: "10.77.250.1");
            receiver.Start();
            var state = Path.Combine(_work.FullName, "cut");
            using (var http = new HttpClient())
            using (var output = new StringWriter())
            {
                var enrolled = await SensorEnrollment.EnrollAsync(http, receiver.BaseAddress, SensorTestReceiver.GoodCode, state, allowHttp: true, force: false, output);
                Assert.True(enrolled == 0, output.ToString());
            }

            using var run = SensorAgentProcess.StartIn(ns, RunArguments(capture.PcapPath, state));
            using (var firstBatch = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                while (receiver.Batches.IsEmpty)
                {
                    await Task.Delay(50, firstBatch.Token);
                }
            }

            Ip("link", "set", hostEnd, "down"); // the office's line is cut while the agent works
            var batchesBeforeCut = receiver.Batches.Count;
            await Task.Delay(TimeSpan.FromSeconds(3));
            var batchesDuringCut = receiver.Batches.Count - batchesBeforeCut;
            var queuedDuringCut = Directory.GetFiles(Path.Combine(state, "queue"), "*.batch").Length; // store-and-forward holds them
            Ip("link", "set", hostEnd, "up");
            Assert.True(await run.WaitAsync(s_runTimeout) == 0, run.Output);

            Assert.True(batchesDuringCut <= 1, $"{batchesDuringCut} batches arrived while the link was down"); // at most one already in flight
            Assert.True(queuedDuringCut > 0, "nothing was waiting in the on-disk queue while the link was down:\n" + run.Output);
            Assert.Empty(receiver.DuplicateCounters);
            Assert.Equal(packets, receiver.Counters.Values.Sum(c => c.Packets));
            Assert.NotEmpty(receiver.Alerts);
            Assert.Equal(receiver.Sequences.Count, receiver.Sequences.Distinct().Count());
            Assert.Empty(Directory.GetFiles(Path.Combine(state, "queue"), "*.batch"));
        }
        finally
        {
            ProcessRunner.Run("ip", ["netns", "del", ns], TimeSpan.FromSeconds(10));
            ProcessRunner.Run("ip", ["link", "del", hostEnd], TimeSpan.FromSeconds(10)); // normally gone with the namespace
        }
    }

    private static void Ip(params string[] arguments)
    {
        var result = ProcessRunner.Run("ip", arguments, TimeSpan.FromSeconds(10));
        Assert.True(result.ExitCode == 0, "ip " + string.Join(' ', arguments) + ": " + result.StderrTail());
    }

    [LabFact(Scenario)]
    public async Task Run_ReceiverRateLimitsAndFails_RetriesAndDeliversEverything()
    {
        var capture = LabCaptures.Get(Scenario);
        using var receiver = new SensorTestReceiver { RateLimitNextBatches = 2, FailNextBatches = 3 };
        receiver.Start();
        var state = await EnrollAsync(receiver, "retry");

        using var run = SensorAgentProcess.Start(RunArguments(capture.PcapPath, state));
        var exit = await run.WaitAsync(s_runTimeout);

        Assert.True(exit == 0, run.Output);
        Assert.Equal(0, receiver.RateLimitNextBatches);
        Assert.Equal(0, receiver.FailNextBatches);
        Assert.Contains("slow down", run.Output, StringComparison.Ordinal);
        Assert.NotEmpty(receiver.Alerts);
        Assert.Empty(receiver.DuplicateCounters);
    }

    [LabFact(Scenario)]
    public async Task Run_SensorRevoked_StopsWithExitCode22AndAPlainMessage()
    {
        var capture = LabCaptures.Get(Scenario);
        using var receiver = new SensorTestReceiver();
        receiver.Start();
        var state = await EnrollAsync(receiver, "revoked");
        receiver.Revoked = true;

        using var run = SensorAgentProcess.Start(RunArguments(capture.PcapPath, state));
        var exit = await run.WaitAsync(s_runTimeout);

        Assert.Equal(SensorExitCodes.RunRevoked, exit);
        Assert.Contains("revoked", run.Output, StringComparison.Ordinal);
        using var status = new StringWriter();
        SensorCommand.PrintStatus(state, status, TimeProvider.System);
        Assert.Contains("revoked", status.ToString(), StringComparison.Ordinal);
    }
}
