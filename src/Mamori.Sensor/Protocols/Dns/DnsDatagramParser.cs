using Mamori.Sensor.Events;

namespace Mamori.Sensor.Protocols.Dns;

/// <summary>DNS over UDP, one instance per flow so queries pair with their responses.</summary>
internal sealed class DnsDatagramParser : IDatagramParser
{
    private readonly DnsTransactions _transactions = new("udp");

    public int Malformed => _transactions.Malformed;

    public void OnDatagram(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> payload)
    {
        if (DnsMessageReader.TryRead(payload, collectAddresses: false, out DnsMessage? message))
        {
            _transactions.OnMessage(context, message!);
        }
        else
        {
            _transactions.Malformed++;
        }
    }

    public void OnClose(in ParserContext context) => _transactions.Flush(context);
}
