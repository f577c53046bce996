using System.Buffers.Binary;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Kerberos;

/// <summary>Kerberos over TCP 88: each message follows a four-byte length (RFC 4120 §7.2.2).</summary>
internal sealed class KerberosStreamParser : FramedStreamParser
{
    private readonly KerberosMessages _messages = new();

    public int Malformed => _messages.Malformed;

    protected override int HeaderLength => 4;

    protected override bool TryGetFrameLength(ReadOnlySpan<byte> header, out int frameLength)
    {
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header);

        // The high bit is reserved for extensions; a set bit here is not a message we know.
        frameLength = (int)Math.Min(length + 4, int.MaxValue);
        return (length & 0x80000000) == 0;
    }

    protected override void OnFrame(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> frame) =>
        _messages.OnMessage(context, frame[4..]);
}
