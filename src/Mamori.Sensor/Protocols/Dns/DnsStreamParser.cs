using System.Buffers.Binary;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Dns;

/// <summary>DNS over TCP: each message carries a two-byte length prefix (RFC 1035 §4.2.2).</summary>
internal sealed class DnsStreamParser : FramedStreamParser
{
    private readonly DnsTransactions _transactions = new("tcp");

    public int Malformed => _transactions.Malformed;

    protected override int HeaderLength => 2;

    // A DNS message can be 65535 bytes; zone transfers carry big ones that are skipped.
    protected override int MaxFrameLength => 4096;

    protected override bool TryGetFrameLength(ReadOnlySpan<byte> header, out int frameLength)
    {
        frameLength = 2 + BinaryPrimitives.ReadUInt16BigEndian(header);
        return true;
    }

    protected override void OnFrame(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> frame)
    {
        if (DnsMessageReader.TryRead(frame[2..], collectAddresses: false, out DnsMessage? message))
        {
            _transactions.OnMessage(context, message!);
        }
        else
        {
            _transactions.Malformed++;
        }
    }

    public override void OnClose(in ParserContext context) => _transactions.Flush(context);
}
