namespace Mamori.Sensor.Flows;

/// <summary>Limits and timeouts of the flow table. Defaults follow Zeek's where Zeek has one.</summary>
public sealed class FlowTableOptions
{
    /// <summary>
    /// Flows tracked at once; past this the least recently seen flow is evicted (and counted).
    /// About 1 KiB each with parser state, so the default keeps the table near 100 MB.
    /// </summary>
    public int MaxFlows { get; init; } = 100_000;

    /// <summary>Idle time after which an open TCP connection is written out (Zeek tcp_inactivity_timeout).</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Idle timeout for UDP flows (Zeek udp_inactivity_timeout).</summary>
    public TimeSpan UdpIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Idle timeout for ICMP and other protocols (Zeek icmp_inactivity_timeout).</summary>
    public TimeSpan OtherIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a closed (FIN both ways, or RST) TCP connection lingers for late packets (Zeek tcp_close_delay).</summary>
    public TimeSpan ClosedTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A flow longer than this is written out and its counters restarted (NetFlow-style active timeout).</summary>
    public TimeSpan ActiveTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Uid seed; null for a random one.</summary>
    public ulong? UidSeed { get; init; }
}
