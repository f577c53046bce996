using System.CommandLine;
using System.Globalization;
using Mamori.Sensor.Agent;

namespace Mamori.Cli.Commands;

/// <summary>
/// <c>mamori sensor enroll|run|status</c>: the sensor agent an office's box runs (R-5.1). Exit codes are
/// <see cref="SensorExitCodes"/> (listed in docs/sensor.md).
/// </summary>
public static class SensorCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("sensor", "The sensor agent: enrol with the server, capture and ship alerts and counters, show status");
        command.Subcommands.Add(CreateEnroll());
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateStatus());
        return command;
    }

    private static Option<string> StateDirectoryOption() => new("--state-dir")
    {
        Description = "State directory (credential, queue, status)",
        DefaultValueFactory = _ => AgentStateDirectory.DefaultPath,
    };

    private static Command CreateEnroll()
    {
        var server = new Option<Uri>("--server") { Description = "Server URL, e.g. https://mamori.example.jp", Required = true };
        var code = new Option<string>("--code") { Description = "One-time enrolment code from the installation sheet", Required = true };
        var state = StateDirectoryOption();
        var insecure = new Option<bool>("--insecure-http") { Description = "Allow plain http:// to a non-loopback server (labs and tests only)" };
        var force = new Option<bool>("--force") { Description = "Replace an existing enrolment in the state directory" };
        var command = new Command("enroll", "Enrol this sensor with the one-time code; prints the company and site it will report for")
        {
            server, code, state, insecure, force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = CreateHttpClient();
            return await SensorEnrollment.EnrollAsync(
                http, parse.GetRequiredValue(server), parse.GetRequiredValue(code), parse.GetValue(state) ?? AgentStateDirectory.DefaultPath,
                parse.GetValue(insecure), parse.GetValue(force), parse.InvocationConfiguration.Output, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateRun()
    {
        var networkInterface = new Option<string>("--interface", "-i") { Description = "Interface on the mirror port or TAP (e.g. eth1)" };
        var filter = new Option<string>("--filter") { Description = "BPF capture filter (e.g. \"not port 443 and host 192.168.1.10\")" };
        var read = new Option<string>("--read") { Description = "Replay a pcap/pcapng file or a directory of them instead of capturing" };
        var state = StateDirectoryOption();
        var queueMb = new Option<int>("--queue-max-mb")
        {
            Description = "Bound of the on-disk queue in MiB",
            DefaultValueFactory = _ => (int)(SensorAgentOptions.DefaultQueueMaxBytes / (1024 * 1024)),
        };
        var pps = new Option<int>("--replay-pps") { Description = "Replay at most this many packets per second (labs)" };
        var shipSeconds = new Option<double?>("--ship-interval") { Description = "Seconds between batches, overriding the server (labs)" };
        var counterSeconds = new Option<double?>("--counter-interval") { Description = "Seconds per counter interval, overriding the server (labs)" };
        var command = new Command("run", "Capture (or replay), detect at the edge and ship to the server; keeps working offline")
        {
            networkInterface, filter, read, state, queueMb, pps, shipSeconds, counterSeconds,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(networkInterface) is null) == (result.GetValue(read) is null))
            {
                result.AddError("Give exactly one of --interface (live capture) or --read (replay).");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SensorAgentOptions
            {
                StateDirectory = parse.GetValue(state) ?? AgentStateDirectory.DefaultPath,
                Interface = parse.GetValue(networkInterface),
                Filter = parse.GetValue(filter),
                ReadPath = parse.GetValue(read),
                QueueMaxBytes = Math.Max(1, parse.GetValue(queueMb)) * 1024L * 1024,
                ReplayPacketsPerSecond = parse.GetValue(pps),
                ShipIntervalOverride = parse.GetValue(shipSeconds) is { } s ? TimeSpan.FromSeconds(s) : null,
                CounterIntervalOverride = parse.GetValue(counterSeconds) is { } c ? TimeSpan.FromSeconds(c) : null,
            };
            using var http = CreateHttpClient();
            using var agent = new SensorAgent(options, http, TimeProvider.System, parse.InvocationConfiguration.Output);
            return await agent.RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateStatus()
    {
        var state = StateDirectoryOption();
        var command = new Command("status", "Show enrolment, queue, last contact and last error") { state };
        command.SetAction(parse => PrintStatus(parse.GetValue(state) ?? AgentStateDirectory.DefaultPath, parse.InvocationConfiguration.Output, TimeProvider.System));
        return command;
    }

    /// <summary>Prints the status; returns 0 when enrolled, <see cref="SensorExitCodes.NotEnrolled"/> otherwise.</summary>
    public static int PrintStatus(string stateDirectory, TextWriter output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        var state = new AgentStateDirectory(stateDirectory);
        var credential = state.ReadCredential();
        var invariant = CultureInfo.InvariantCulture;
        if (credential is null)
        {
            output.WriteLine($"Not enrolled (no credential in {state.Path}). Run: mamori sensor enroll --server URL --code CODE");
            return SensorExitCodes.NotEnrolled;
        }

        output.WriteLine(string.Create(invariant, $"Enrolled:      sensor {credential.SensorId} for {credential.CompanyName} / {credential.SiteName}"));
        output.WriteLine(string.Create(invariant, $"Server:        {credential.Server} (since {credential.EnrolledAt:yyyy-MM-dd HH:mm} UTC)"));
        var (batches, bytes) = BatchSpool.Measure(state.QueuePath);
        output.WriteLine(string.Create(invariant, $"Queue:         {batches} batch(es), {bytes / 1024.0:0.0} KiB waiting on disk"));
        var status = state.ReadStatus();
        if (status is null)
        {
            output.WriteLine("Agent:         has not run yet");
            return 0;
        }

        var age = time.GetUtcNow() - status.UpdatedAt;
        var alive = status.State == "running" && age < TimeSpan.FromSeconds(30);
        output.WriteLine(string.Create(invariant,
            $"Agent:         {(alive ? "running" : status.State == "running" ? "not running (last seen " + Ago(age) + ")" : status.State)} (pid {status.ProcessId}, {status.Source})"));
        output.WriteLine(string.Create(invariant,
            $"Last contact:  {(status.LastContact is { } contact ? contact.ToString("yyyy-MM-dd HH:mm:ss", invariant) + " UTC (" + Ago(time.GetUtcNow() - contact) + ")" : "never")}"));
        output.WriteLine(string.Create(invariant, $"Sent:          {status.BatchesSent} batch(es) since start; {status.Packets} packets, {status.Alerts} alert(s), {status.CaptureDrops} dropped by the capture"));
        if (status.LostItems is { Count: > 0 } lost)
        {
            output.WriteLine("Lost:          " + string.Join(", ", lost.Select(l => string.Create(invariant, $"{l.Value} {l.Key}"))));
        }

        output.WriteLine(status.LastError is null
            ? "Last error:    none"
            : string.Create(invariant, $"Last error:    {status.LastErrorAt:yyyy-MM-dd HH:mm:ss} UTC {status.LastError}"));
        return 0;
    }

    private static string Ago(TimeSpan span) => span.TotalMinutes < 2
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.TotalSeconds):0} s ago")
        : span.TotalHours < 2
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min ago")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.0} h ago");

    private static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };
}
