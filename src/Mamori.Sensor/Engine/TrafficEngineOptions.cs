using Mamori.Sensor.Events;
using Mamori.Sensor.Flows;
using Mamori.Sensor.Protocols;

namespace Mamori.Sensor.Engine;

/// <summary>How the traffic engine runs.</summary>
public sealed class TrafficEngineOptions
{
    /// <summary>Flow table limits and timeouts.</summary>
    public FlowTableOptions Flows { get; init; } = new();

    /// <summary>Reassemble IP fragments (otherwise only first fragments are decoded, the rest counted).</summary>
    public bool ReassembleFragments { get; init; } = true;

    /// <summary>Emit an <see cref="ArpEvent"/> per ARP request or reply.</summary>
    public bool EmitArp { get; init; } = true;

    /// <summary>Chooses stream parsers; defaults to <see cref="ApplicationParsers.CreateStreamParser"/>.</summary>
    public Func<FlowInfo, IStreamParser?> StreamParserFactory { get; init; } = ApplicationParsers.CreateStreamParser;

    /// <summary>Chooses datagram parsers; defaults to <see cref="ApplicationParsers.GetDatagramParser"/>.</summary>
    public Func<FlowInfo, IDatagramParser?> DatagramParserFactory { get; init; } = ApplicationParsers.GetDatagramParser;
}
