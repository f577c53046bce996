namespace Mamori.Sensor.Events;

/// <summary>An alert raised by another IDS (Suricata EVE "alert" records) that Mamori imports.</summary>
public sealed record IdsAlertEvent : MetadataEvent
{
    /// <inheritdoc />
    public override string Kind => "ids_alert";

    /// <summary>Rule message, e.g. "ET SCAN Nmap Scripting Engine User-Agent Detected".</summary>
    public required string Signature { get; init; }

    /// <summary>Rule id.</summary>
    public long SignatureId { get; init; }

    /// <summary>Classification text, e.g. "Attempted Information Leak".</summary>
    public string? Category { get; init; }

    /// <summary>Suricata priority: 1 high, 2 medium, 3 low.</summary>
    public int Severity { get; init; } = 3;
}
