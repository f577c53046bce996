using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;

namespace Mamori.Sensor.Flows;

/// <summary>Which idle timeout applies; each class has its own least-recently-seen list.</summary>
internal enum TimeoutClass
{
    Tcp,
    Udp,
    Other,
    Closed,
}

/// <summary>
/// Everything the flow table knows about one bidirectional flow. Instances are pooled and reused,
/// so per-packet work touches only fields. Also the <see cref="IEventSink"/> the flow's parsers
/// report to: it notes the service before passing events on.
/// </summary>
internal sealed class Flow : IEventSink
{
    public FlowKey Key;
    public FlowInfo Info = null!;
    public bool OriginatorIsFirst;
    public long StartTicks;
    public long LastTicks;
    public long OriginatorPackets;
    public long ResponderPackets;
    public long OriginatorBytes;
    public long ResponderBytes;
    public long OriginatorIpBytes;
    public long ResponderIpBytes;
    public ConnectionHistory History;
    public TcpEndpoint Originator;
    public TcpEndpoint Responder;
    public bool FirstResetFromOriginator;
    public readonly TcpStreamReassembler OriginatorStream = new();
    public readonly TcpStreamReassembler ResponderStream = new();
    public bool ParserResolved;
    public IStreamParser? StreamParser;
    public IDatagramParser? DatagramParser;
    public string? Service;
    public TimeoutClass TimeoutClass;
    public Flow? Previous;
    public Flow? Next;
    public bool InTable;
    private IEventSink? _sink;

    public bool IsTcp => Key.Protocol == 6;

    public long MissedBytes => OriginatorStream.MissedBytes + ResponderStream.MissedBytes;

    public void Initialize(in FlowKey key, FlowInfo info, bool originatorIsFirst, long ticks, IEventSink sink)
    {
        Key = key;
        Info = info;
        OriginatorIsFirst = originatorIsFirst;
        StartTicks = ticks;
        LastTicks = ticks;
        _sink = sink;
    }

    public void Reset()
    {
        Info = null!;
        OriginatorPackets = ResponderPackets = 0;
        OriginatorBytes = ResponderBytes = 0;
        OriginatorIpBytes = ResponderIpBytes = 0;
        History.Clear();
        Originator = default;
        Responder = default;
        FirstResetFromOriginator = false;
        OriginatorStream.Reset();
        ResponderStream.Reset();
        ParserResolved = false;
        StreamParser = null;
        DatagramParser = null;
        Service = null;
        Previous = Next = null;
        InTable = false;
        _sink = null;
    }

    /// <summary>Restarts the counters after an active-timeout record, keeping identity and parsers.</summary>
    public void RestartCounters(long ticks)
    {
        StartTicks = ticks;
        OriginatorPackets = ResponderPackets = 0;
        OriginatorBytes = ResponderBytes = 0;
        OriginatorIpBytes = ResponderIpBytes = 0;
    }

    public void OnEvent(MetadataEvent metadataEvent)
    {
        Service ??= metadataEvent switch
        {
            LoginEvent login => ServiceOf(login.Protocol),
            SmbFileEvent => "smb",
            ConnectionEvent or NameEvent => null,
            _ => metadataEvent.Kind,
        };
        _sink?.OnEvent(metadataEvent);
    }

    /// <summary>Zeek's service names for the protocols a login event can come from.</summary>
    private static string ServiceOf(LoginProtocol protocol) => protocol switch
    {
        LoginProtocol.Ftp => "ftp",
        LoginProtocol.Pop3 => "pop3",
        LoginProtocol.Imap => "imap",
        LoginProtocol.Smtp => "smtp",
        LoginProtocol.Telnet => "telnet",
        LoginProtocol.HttpBasic or LoginProtocol.Http => "http",
        LoginProtocol.Ssh => "ssh",
        LoginProtocol.Ntlm => "ntlm",
        LoginProtocol.Kerberos => "krb",
        LoginProtocol.Rdp => "rdp",
        _ => "login",
    };
}

/// <summary>TCP facts about one side of a connection.</summary>
internal struct TcpEndpoint
{
    public bool SawSyn;
    public bool SawSynAck;
    public bool SawFin;
    public bool SawReset;
    public bool SawPacket;
}
