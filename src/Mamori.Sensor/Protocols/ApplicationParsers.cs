using Mamori.Sensor.Events;

namespace Mamori.Sensor.Protocols;

// PLACEHOLDER (engine branch): the application-parser registry belongs to the protocol-parsers
// branch, which chooses parsers by port. This stub returns null so the engine builds and runs
// on its own; the lead replaces this file with the real registry at merge.

/// <summary>Chooses the application parser for a flow.</summary>
public static class ApplicationParsers
{
    /// <summary>A new parser for a TCP connection's streams, or null when no parser applies.</summary>
    public static IStreamParser? CreateStreamParser(FlowInfo flow) => null;

    /// <summary>The parser for a UDP flow's datagrams, or null when no parser applies.</summary>
    public static IDatagramParser? GetDatagramParser(FlowInfo flow) => null;
}
