using Mamori.Sensor.Events;

namespace Mamori.Sensor.Protocols.Kerberos;

/// <summary>Kerberos over UDP 88: one message per datagram (RFC 4120 §7.2.1).</summary>
internal sealed class KerberosDatagramParser : IDatagramParser
{
    private readonly KerberosMessages _messages = new();

    public int Malformed => _messages.Malformed;

    public void OnDatagram(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> payload) =>
        _messages.OnMessage(context, payload);
}
