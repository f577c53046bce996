namespace Mamori.Sensor.Capture.Live;

/// <summary>How to open an interface for live capture.</summary>
public sealed class LiveCaptureOptions
{
    /// <summary>Interface name ("eth0", "any", an Npcap device path).</summary>
    public required string Interface { get; init; }

    /// <summary>Bytes kept of each frame.</summary>
    public int SnapLength { get; init; } = 262_144;

    /// <summary>Put the interface in promiscuous mode (a mirror port needs it).</summary>
    public bool Promiscuous { get; init; } = true;

    /// <summary>Kernel buffer size in bytes; larger rides out bursts with fewer drops.</summary>
    public int BufferSize { get; init; } = 32 * 1024 * 1024;

    /// <summary>How long a read waits for packets before returning to check for cancellation.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>BPF filter expression (tcpdump syntax), or null for everything.</summary>
    public string? Filter { get; init; }
}
