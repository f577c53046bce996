using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.TestSupport;

/// <summary>Keeps every event.</summary>
public sealed class CollectingSink : IEventSink
{
    public List<MetadataEvent> Events { get; } = [];

    public IEnumerable<ConnectionEvent> Connections => Events.OfType<ConnectionEvent>();

    public void OnEvent(MetadataEvent metadataEvent) => Events.Add(metadataEvent);
}

/// <summary>Drops every event (allocation tests, benchmarks).</summary>
public sealed class NullSink : IEventSink
{
    public long Count { get; private set; }

    public void OnEvent(MetadataEvent metadataEvent) => Count++;
}
