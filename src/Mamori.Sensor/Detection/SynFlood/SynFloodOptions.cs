namespace Mamori.Sensor.Detection.SynFlood;

/// <summary>SYN flood thresholds.</summary>
public sealed class SynFloodOptions
{
    /// <summary>
    /// Half-open connections to one destination address and port inside <see cref="Window"/>:
    /// 200 in 10 s (20/s sustained). A port scan touches each port once or twice, so keying by port
    /// keeps scans out; a busy server sees completed handshakes, not half-open ones.
    /// </summary>
    public int HalfOpen { get; set; } = 200;

    /// <summary>Window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}
