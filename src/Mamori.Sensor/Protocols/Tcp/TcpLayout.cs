namespace Mamori.Sensor.Protocols.Tcp;

/// <summary>Offsets in a TCP header (RFC 9293).</summary>
internal static class TcpLayout
{
    public const int SourcePortOffset = 0;
    public const int DestinationPortOffset = 2;
    public const int SequenceOffset = 4;
    public const int AcknowledgmentOffset = 8;
    public const int DataOffsetOffset = 12;
    public const int FlagsOffset = 13;
    public const int WindowOffset = 14;
    public const int MinHeaderLength = 20;

    public const byte OptionEnd = 0;
    public const byte OptionNoOperation = 1;
    public const byte OptionMaxSegmentSize = 2;
    public const byte OptionWindowScale = 3;
    public const byte OptionSackPermitted = 4;
    public const byte OptionSack = 5;
    public const byte OptionTimestamps = 8;
}

/// <summary>TCP control flags.</summary>
[Flags]
public enum TcpControlBits : byte
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>FIN.</summary>
    Fin = 0x01,

    /// <summary>SYN.</summary>
    Syn = 0x02,

    /// <summary>RST.</summary>
    Rst = 0x04,

    /// <summary>PSH.</summary>
    Psh = 0x08,

    /// <summary>ACK.</summary>
    Ack = 0x10,

    /// <summary>URG.</summary>
    Urg = 0x20,

    /// <summary>ECE.</summary>
    Ece = 0x40,

    /// <summary>CWR.</summary>
    Cwr = 0x80,
}
