using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Capture.Live;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Intel;
using Mamori.Sensor.Pipeline;
using Mamori.Sensor.Shipping;

namespace Mamori.Sensor.Agent;

/// <summary>
/// The sensor agent (<c>mamori sensor run</c>): capture (live or replayed files) → traffic engine →
/// <see cref="EdgeCollector"/> and the detectors → batches sealed into the on-disk <see cref="BatchSpool"/>
/// → sent to the server, deleted on its receipt. Configuration is pulled with an ETag and applied
/// without a restart; threat-intelligence feeds are downloaded and refreshed.
/// </summary>
/// <remarks>
/// Two threads: the capture thread decodes packets, the agent loop seals, sends and refreshes. Both take
/// <c>_gate</c> around the engine, the collector and the detectors, which are single-threaded.
/// </remarks>
public sealed class SensorAgent : IDisposable
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(200);

    private readonly SensorAgentOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly Lock _gate = new();
    private readonly AgentStateDirectory _state;
    private readonly ThreatIntelStore _intel = new();
    private readonly Dictionary<string, (string? Etag, DateTimeOffset Due)> _feeds = new(StringComparer.Ordinal);
    private readonly List<string> _replayed = [];
    private readonly SemaphoreSlim _intelWake = new(0);

    private BatchSpool _queue = null!;
    private EdgeCollector _collector = null!;
    private BatchBuilder _builder = null!;
    private SensorClient _client = null!;
    private TrafficEngine? _engine;
    private LiveCapture? _live;
    private SensorConfigurationDocument _configuration = DefaultConfiguration;
    private string? _configurationEtag;
    private string? _detectionJson;
    private long _sequence;
    private DateTimeOffset _startedAt;
    private DateTimeOffset? _lastContact;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private long _batchesSent;
    private long _packets;
    private long _captureDrops;
    private TimeSpan _lastCpu;
    private DateTimeOffset _lastCpuAt;
    private int? _fatal;
    private volatile bool _captureDone;
    private volatile int _captureExit;

    /// <summary>Creates an agent.</summary>
    public SensorAgent(SensorAgentOptions options, HttpClient http, TimeProvider? time = null, TextWriter? log = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? TimeProvider.System;
        _log = log ?? TextWriter.Null;
        _state = new AgentStateDirectory(options.StateDirectory);
    }

    /// <summary>The agent's version, sent with enrolment and every batch.</summary>
    public static string Version { get; } =
        typeof(SensorAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Configuration before the server sent one: default thresholds, no feeds, 60 s batches, 300 s intervals.</summary>
    public static SensorConfigurationDocument DefaultConfiguration { get; } = new(default, [], 60, 300);

    /// <summary>Runs until stopped, revoked, or (replay) every file is read and every batch acknowledged. Returns a <see cref="SensorExitCodes"/> value.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var credential = _state.ReadCredential();
        if (credential is null)
        {
            Log($"Not enrolled: no credential in {_state.Path}. Run 'mamori sensor enroll --server URL --code CODE' first.");
            return SensorExitCodes.NotEnrolled;
        }

        if (!SensorClient.IsAllowed(credential.Server, credential.AllowHttp))
        {
            Log($"The server URL {credential.Server} is plain HTTP to another machine; enrol again with an https:// URL.");
            return SensorExitCodes.InsecureServer;
        }

        _startedAt = _time.GetUtcNow();
        _lastCpuAt = _startedAt;
        _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _client = new SensorClient(_http, credential.Server, credential.Credential, _time);
        _builder = new BatchBuilder(Version);
        _queue = BatchSpool.Open(_state.QueuePath, _options.QueueMaxBytes);
        if (_queue.CorruptFiles > 0 || _queue.TornWrites > 0)
        {
            RecordError($"{_queue.CorruptFiles} corrupt queued batch file(s) set aside in queue/corrupt and {_queue.TornWrites} interrupted write(s) removed after a crash");
        }

        var checkpoint = _state.ReadCheckpoint() ?? new AgentCheckpoint(0, null, []);
        _sequence = Math.Max(checkpoint.Sequence, _queue.HighestSequence);
        _replayed.AddRange(checkpoint.ReplayedFiles);
        var countersUntil = Max(checkpoint.CountersUntil, _queue.LatestCounterEnd);
        if (_state.ReadConfiguration() is { } cached)
        {
            _configuration = cached.Document;
            _configurationEtag = cached.Etag;
        }

        _collector = new EdgeCollector(CounterInterval, countersUntil);
        ApplyDetection(_configuration);
        Log($"Mamori sensor {Version} for {credential.CompanyName} / {credential.SiteName} (sensor {credential.SensorId}) → {credential.Server}; " +
            $"{_queue.Count} batch(es) waiting; {(_options.ReadPath is null ? "capturing on " + _options.Interface : "replaying " + _options.ReadPath)}");

        await RefreshConfigurationAsync(cancellationToken).ConfigureAwait(false);
        if (_fatal is { } early)
        {
            WriteStatus(StateName(early));
            return early;
        }

        var capture = Task.Factory.StartNew(() => CaptureLoop(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        using var stopIntel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var intel = IntelLoopAsync(stopIntel.Token);
        try
        {
            await AgentLoopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _live?.Stop();
            await stopIntel.CancelAsync().ConfigureAwait(false); // a feed download in flight must not hold the exit
            try
            {
                await capture.ConfigureAwait(false);
                await intel.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }

            if (_options.ReadPath is null)
            {
                lock (_gate)
                {
                    // Live: what was counted so far is queued now, so a restart loses nothing counted.
                    _collector.CloseCurrent(_time.GetUtcNow());
                    Seal(force: true);
                }
            }
        }

        var exit = _fatal ?? (_captureExit != 0 ? _captureExit : SensorExitCodes.Ok);
        WriteStatus(StateName(exit));
        Log(string.Create(CultureInfo.InvariantCulture, $"Stopped ({exit}); {_queue.Count} batch(es) waiting on disk."));
        return exit;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _engine?.Dispose();
            _engine = null;
        }

        _intelWake.Dispose();
    }

    private TimeSpan ShipInterval => _options.ShipIntervalOverride ?? TimeSpan.FromSeconds(Math.Max(1, _configuration.ShipIntervalSeconds));

    private TimeSpan CounterInterval => _options.CounterIntervalOverride ?? TimeSpan.FromSeconds(Math.Max(10, _configuration.CounterIntervalSeconds));

    private async Task AgentLoopAsync(CancellationToken cancellationToken)
    {
        var nextSeal = _time.GetUtcNow() + ShipInterval;
        var nextSend = _time.GetUtcNow();
        var nextStatus = _time.GetUtcNow();
        var backoff = _options.InitialBackoff;
        while (!cancellationToken.IsCancellationRequested && _fatal is null)
        {
            var now = _time.GetUtcNow();
            if (_options.ReadPath is null)
            {
                lock (_gate)
                {
                    _collector.AdvanceTo(now);
                    _engine?.AdvanceTime(now);
                }
            }

            if (now >= nextSeal)
            {
                lock (_gate)
                {
                    Seal(force: false);
                }

                nextSeal = now + ShipInterval;
            }

            if (now >= nextSend && _queue.Count > 0)
            {
                var (drained, retryAfter) = await DrainAsync(cancellationToken).ConfigureAwait(false);
                if (drained)
                {
                    backoff = _options.InitialBackoff;
                }
                else if (_fatal is null)
                {
                    // Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): many sensors
                    // coming back after a server outage do not all retry at the same second.
                    var delay = retryAfter ?? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * backoff.TotalMilliseconds);
                    nextSend = _time.GetUtcNow() + delay;
                    backoff = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, backoff.Ticks * 2));
                }
            }

            if (now >= nextStatus)
            {
                WriteStatus("running");
                nextStatus = now + TimeSpan.FromSeconds(2);
            }

            if (_captureDone)
            {
                if (_captureExit != 0 || (_options.ReadPath is not null && _queue.Count == 0))
                {
                    return;
                }

                if (_options.ReadPath is null)
                {
                    return; // live capture ended (interface gone): exit so systemd restarts us
                }
            }

            try
            {
                await Task.Delay(s_tick, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The operator asked for a new credential: fetch it, store it (0600, atomically) and use it from the next call.
    /// A failure keeps the old credential (still valid until the rotation succeeds) and is retried after the next batch.
    /// </summary>
    private async Task RotateCredentialAsync(CancellationToken cancellationToken)
    {
        var result = await _client.RotateAsync(cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            RecordError("The operator asked for a new credential but the rotation failed, will retry: " + result.Message);
            return;
        }

        var current = _state.ReadCredential()!;
        var rotated = current with { Credential = result.Value!.Credential, SensorId = result.Value.SensorId };
        _state.WriteCredential(rotated);
        _client = new SensorClient(_http, rotated.Server, rotated.Credential, _time);
        Log("The sensor's credential was rotated at the operator's request.");
    }

    /// <summary>Sends queued batches oldest first until the queue is empty (true) or a send fails.</summary>
    private async Task<(bool Drained, TimeSpan? RetryAfter)> DrainAsync(CancellationToken cancellationToken)
    {
        while (_queue.Peek() is { } item)
        {
            var result = await _client.SendBatchAsync(item.Payload, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                _queue.Complete(item.BatchId);
                _lastContact = _time.GetUtcNow();
                _batchesSent++;
                if (!SameEtag(result.Value!.ConfigurationEtag, _configurationEtag))
                {
                    await RefreshConfigurationAsync(cancellationToken).ConfigureAwait(false);
                }

                if (_client.RotationRequested)
                {
                    await RotateCredentialAsync(cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            switch (result.Failure)
            {
                case SensorCallFailure.Revoked:
                    Fatal(SensorExitCodes.RunRevoked, "The operator revoked this sensor (" + result.Message + "). It stops sending; ask the operator before enrolling it again.");
                    return (false, null);
                case SensorCallFailure.InvalidCredential:
                    Fatal(SensorExitCodes.CredentialRejected, "The server does not accept this sensor's credential (" + result.Message + "). Enrol again with a new code.");
                    return (false, null);
                case SensorCallFailure.Rejected:
                    RecordError($"The server rejected batch {item.Sequence} ({result.Message}); it is kept in queue/corrupt and the next one is sent.");
                    _queue.Reject(item.BatchId);
                    continue;
                case SensorCallFailure.RateLimited:
                    RecordError("The server asked the sensor to slow down (" + result.Message + ").");
                    return (false, result.RetryAfter ?? TimeSpan.FromSeconds(30));
                default:
                    RecordError("Cannot send to the server, will retry: " + result.Message);
                    return (false, null);
            }
        }

        return (true, null);
    }

    private async Task RefreshConfigurationAsync(CancellationToken cancellationToken)
    {
        var result = await _client.GetConfigurationAsync(_configurationEtag, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            switch (result.Failure)
            {
                case SensorCallFailure.Revoked:
                    Fatal(SensorExitCodes.RunRevoked, "The operator revoked this sensor (" + result.Message + ").");
                    break;
                case SensorCallFailure.InvalidCredential:
                    Fatal(SensorExitCodes.CredentialRejected, "The server does not accept this sensor's credential (" + result.Message + "). Enrol again with a new code.");
                    break;
                default:
                    RecordError("Cannot fetch the configuration, keeping the current one: " + result.Message);
                    break;
            }

            return;
        }

        _configurationEtag = result.Value!.Etag;
        if (result.Value.Document is { } document)
        {
            lock (_gate)
            {
                _configuration = document;
                ApplyDetection(document);
                _collector.IntervalLength = CounterInterval;
            }

            _state.WriteConfiguration(new CachedConfiguration(_configurationEtag, document));
            _intelWake.Release(); // new feed URLs are fetched now, not at the next check
            Log($"Configuration {_configurationEtag} applied: batches every {ShipInterval.TotalSeconds:0} s, counters every {CounterInterval.TotalSeconds:0} s, {document.IntelFeedUrls.Count} intel feed(s).");
        }
    }

    /// <summary>New thresholds take effect at once: the detectors are rebuilt (their open windows restart), alert ids stay.</summary>
    private void ApplyDetection(SensorConfigurationDocument document)
    {
        var json = document.Detection.ValueKind == JsonValueKind.Object ? document.Detection.GetRawText() : "{}";
        if (json == _detectionJson && _collector.Detection is not null)
        {
            return;
        }

        DetectionOptions options;
        try
        {
            options = JsonSerializer.Deserialize(json, DetectionOptionsJsonContext.Default.DetectionOptions) ?? new DetectionOptions();
        }
        catch (JsonException exception)
        {
            RecordError("The detection settings from the server are not valid, keeping the current ones: " + exception.Message);
            return;
        }

        _collector.Detection?.Flush();
        _collector.Detection = new DetectionEngine(options, _intel, forward: _collector);
        _detectionJson = json;
    }

    private void CaptureLoop(CancellationToken cancellationToken)
    {
        try
        {
            if (_options.ReadPath is { } path)
            {
                Replay(path, cancellationToken);
            }
            else
            {
                CaptureLive(cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or CaptureFormatException or DllNotFoundException or UnauthorizedAccessException)
        {
            RecordError("Capture failed: " + exception.Message);
            _captureExit = SensorExitCodes.CaptureFailed;
        }
        finally
        {
            _captureDone = true;
        }
    }

    private void Replay(string path, CancellationToken cancellationToken)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path).Order(StringComparer.Ordinal).Where(SensorPipeline.IsCaptureFile).ToList()
            : [path];
        if (files.Count == 0)
        {
            throw new InvalidOperationException("no pcap or pcapng file in " + path);
        }

        foreach (var file in files)
        {
            var info = new FileInfo(file);
            var key = string.Create(CultureInfo.InvariantCulture, $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}");
            if (_replayed.Contains(key))
            {
                continue;
            }

            using var source = CaptureReader.Open(file);
            Read(source, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            lock (_gate)
            {
                _engine!.Complete();
                _collector.Detection!.Flush();
                _collector.CloseCurrent();
                Seal(force: true, replayedFile: key);
                _engine.Dispose();
                _engine = null;
            }

            Log($"Replayed {info.Name}.");
        }
    }

    private void CaptureLive(CancellationToken cancellationToken)
    {
        var options = new LiveCaptureOptions { Interface = _options.Interface!, Filter = _options.Filter };
        using var live = LiveCapture.Open(options);
        _live = live;
        using var registration = cancellationToken.Register(live.Stop);
        Read(live, cancellationToken);
        lock (_gate)
        {
            _engine?.Complete();
            _engine?.Dispose();
            _engine = null;
        }
    }

    private void Read(ICaptureSource source, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _engine = new TrafficEngine(_collector);
            _collector.AttachEngine(_engine.Counters);
        }

        var pace = _options.ReplayPacketsPerSecond > 0 && _options.ReadPath is not null ? Stopwatch.StartNew() : null;
        var read = 0L;
        var lastDrops = _time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            // Read outside the lock: on a quiet link a live read waits, and the agent loop must not.
            if (!source.TryReadPacket(out var packet))
            {
                break;
            }

            lock (_gate)
            {
                ProcessPacket(packet);
            }

            read++;
            if ((read & 1023) == 0 && source is LiveCapture live && _time.GetUtcNow() - lastDrops > TimeSpan.FromSeconds(1))
            {
                live.RefreshDropCounters();
                lastDrops = _time.GetUtcNow();
                lock (_gate)
                {
                    _captureDrops = live.Statistics.Dropped + live.Statistics.InterfaceDropped;
                    _collector.SetCaptureDrops(_captureDrops);
                }
            }

            if (pace is not null)
            {
                // Elapsed is read once: read twice, a busy machine could pass the check and then sleep a negative time (which throws).
                var ahead = TimeSpan.FromSeconds((double)read / _options.ReplayPacketsPerSecond) - pace.Elapsed;
                if (ahead > TimeSpan.Zero)
                {
                    Thread.Sleep(ahead);
                }
            }
        }
    }

    /// <summary>One packet into the counters and the engine. Called under <c>_gate</c>.</summary>
    private void ProcessPacket(in RawPacket packet)
    {
        _packets++;
        _collector.OnPacket(packet.Timestamp, packet.OriginalLength > 0 ? packet.OriginalLength : packet.Data.Length);
        _engine!.Process(packet);
    }

    /// <summary>Seals what is collected into batches on disk. Called under <c>_gate</c>.</summary>
    /// <param name="force">Seal a heartbeat even when batches are already waiting.</param>
    /// <param name="replayedFile">A replayed file whose last data this seal contains.</param>
    private void Seal(bool force, string? replayedFile = null)
    {
        var alerts = _collector.TakeChangedAlerts();
        var closed = _collector.TakeClosed();
        if (alerts.Count == 0 && closed.ItemCount == 0 && !force && _queue.Count > 0)
        {
            return; // the waiting batches carry a heartbeat already; do not pile up empty ones during an outage
        }

        var now = _time.GetUtcNow();
        var cpu = CpuPercent(now);
        var memory = Environment.WorkingSet;
        var batches = _builder.Build(alerts, closed, _sequence + 1, now, after => new SensorHealth(
            _startedAt, _captureDrops, _queue.Count + after, _queue.Bytes, cpu, memory, LostItems()));
        try
        {
            _queue.Enqueue(batches, () =>
            {
                _sequence += batches.Count;
                if (replayedFile is not null)
                {
                    _replayed.Add(replayedFile);
                }

                _state.WriteCheckpoint(new AgentCheckpoint(_sequence, _collector.ShippedUntil, _replayed));
            });
        }
        catch (IOException exception)
        {
            RecordError("Cannot write to the queue on disk (full?): " + exception.Message);
        }
    }

    private Dictionary<string, long>? LostItems()
    {
        var lost = new Dictionary<string, long>(_queue.LostItems, StringComparer.Ordinal);
        if (_collector.Overflow > 0)
        {
            lost["overflow"] = _collector.Overflow;
        }

        return lost.Count == 0 ? null : lost;
    }

    private double CpuPercent(DateTimeOffset now)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = now - _lastCpuAt;
        var percent = wall > TimeSpan.Zero ? Math.Round(100 * (cpu - _lastCpu).TotalMilliseconds / wall.TotalMilliseconds, 1) : 0;
        _lastCpu = cpu;
        _lastCpuAt = now;
        return Math.Max(0, percent);
    }

    private async Task IntelLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && _fatal is null && !(_captureDone && _options.ReadPath is not null))
        {
            foreach (var url in _configuration.IntelFeedUrls.ToList())
            {
                var now = _time.GetUtcNow();
                if (_feeds.TryGetValue(url, out var feed) && now < feed.Due)
                {
                    continue;
                }

                var etag = await RefreshFeedAsync(url, feed.Etag, cancellationToken).ConfigureAwait(false);
                _feeds[url] = (etag, now + _options.IntelRefreshInterval);
            }

            try
            {
                _ = await _intelWake.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<string?> RefreshFeedAsync(string url, string? etag, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            RecordError("Intel feed URL is not valid: " + url);
            return etag;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (etag is not null && System.Net.Http.Headers.EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotModified)
            {
                return etag;
            }

            if (!response.IsSuccessStatusCode)
            {
                RecordError(string.Create(CultureInfo.InvariantCulture, $"Intel feed {uri.Host}: HTTP {(int)response.StatusCode}; keeping its previous indicators"));
                return etag;
            }

            var content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var name = uri.Host + uri.AbsolutePath;
            if (Intel.Feeds.FeedParser.Detect(content, Path.GetFileName(uri.AbsolutePath)) is not { } format)
            {
                RecordError($"Intel feed {name}: unrecognised format");
                return etag;
            }

            var parsed = Intel.Feeds.FeedParser.Parse(format, content, name);
            if (parsed.Indicators.Count == 0)
            {
                RecordError($"Intel feed {name}: no indicators; keeping the previous ones");
                return etag;
            }

            var added = _intel.Replace(name, parsed.Indicators);
            lock (_gate)
            {
                // Contacts already seen that a new indicator now names: alert on them too.
                _collector.Detection?.RetroHunt(added);
            }

            Log(string.Create(CultureInfo.InvariantCulture, $"Intel feed {name} ({format}): {parsed.Indicators.Count} indicators, {added.Count} new."));
            return response.Headers.ETag?.ToString();
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            RecordError($"Intel feed {uri.Host}: {exception.Message}; keeping its previous indicators");
            return etag;
        }
    }

    private void WriteStatus(string state)
    {
        try
        {
            _state.WriteStatus(new AgentStatus
            {
                State = state,
                UpdatedAt = _time.GetUtcNow(),
                StartedAt = _startedAt,
                ProcessId = Environment.ProcessId,
                Source = _options.ReadPath ?? _options.Interface,
                LastContact = _lastContact,
                LastError = _lastError,
                LastErrorAt = _lastErrorAt,
                BatchesSent = _batchesSent,
                QueueDepth = _queue?.Count ?? 0,
                QueueBytes = _queue?.Bytes ?? 0,
                Packets = Interlocked.Read(ref _packets),
                CaptureDrops = _captureDrops,
                Alerts = _collector?.AlertCount ?? 0,
                LostItems = _queue is null ? null : LostItems(),
                ConfigurationEtag = _configurationEtag,
            });
        }
        catch (IOException)
        {
            // Status is informative; a full disk is reported by the queue.
        }
    }

    private static string StateName(int exit) => exit switch
    {
        SensorExitCodes.RunRevoked => "revoked",
        SensorExitCodes.CredentialRejected => "credential_rejected",
        SensorExitCodes.CaptureFailed => "capture_failed",
        _ => "stopped",
    };

    private void Fatal(int exit, string message)
    {
        RecordError(message);
        _fatal = exit;
    }

    private void RecordError(string message)
    {
        _lastError = message;
        _lastErrorAt = _time.GetUtcNow();
        Log(message);
    }

    private void Log(string message)
    {
        lock (_log)
        {
            _log.WriteLine(_time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z " + message);
            _log.Flush();
        }
    }

    private static bool SameEtag(string? a, string? b) => Normalize(a) == Normalize(b);

    private static string? Normalize(string? etag) => etag?.Replace("W/", "", StringComparison.Ordinal).Trim('"');

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
