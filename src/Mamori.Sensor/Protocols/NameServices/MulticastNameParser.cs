using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Dns;

namespace Mamori.Sensor.Protocols.NameServices;

/// <summary>
/// mDNS (RFC 6762, UDP 5353) and LLMNR (RFC 4795, UDP 5355). Both reuse the DNS message format
/// but answers travel on other flows (multicast), so every message is reported on its own: a
/// <see cref="DnsEvent"/>, plus a <see cref="NameEvent"/> per query and per address a host
/// announces for itself. Stateless, so one instance serves every flow.
/// </summary>
internal sealed class MulticastNameParser : IDatagramParser
{
    public static readonly MulticastNameParser Mdns = new("mdns");
    public static readonly MulticastNameParser Llmnr = new("llmnr");

    private readonly string _source;
    private int _malformed;

    private MulticastNameParser(string source) => _source = source;

    public int Malformed => _malformed;

    public void OnDatagram(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> payload)
    {
        if (!DnsMessageReader.TryRead(payload, collectAddresses: true, out DnsMessage? message))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        context.Sink.OnEvent(new DnsEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            TransactionId = message!.Id,
            Query = message.Query,
            QueryType = message.QueryType,
            QueryTypeName = DnsNames.TypeName(message.QueryType),
            ResponseCode = message.IsResponse ? message.ResponseCode : null,
            ResponseCodeName = message.IsResponse ? DnsNames.ResponseCodeName(message.ResponseCode) : null,
            Answers = message.Answers ?? (IReadOnlyList<string>)[],
            Ttls = message.Ttls ?? (IReadOnlyList<uint>)[],
            QueryLength = message.IsResponse ? 0 : message.Length,
            ResponseLength = message.IsResponse ? message.Length : 0,
            Transport = "udp",
        });

        if (!message.IsResponse)
        {
            if (message.Query.Length > 0)
            {
                context.Sink.OnEvent(new NameEvent
                {
                    Timestamp = context.Timestamp,
                    Flow = context.Flow,
                    Source = _source,
                    Name = message.Query,
                    IsAnnouncement = false,
                });
            }

            return;
        }

        if (message.Addresses is null)
        {
            return;
        }

        foreach ((string name, System.Net.IPAddress address) in message.Addresses)
        {
            context.Sink.OnEvent(new NameEvent
            {
                Timestamp = context.Timestamp,
                Flow = context.Flow,
                Source = _source,
                Name = name,
                IsAnnouncement = true,
                Address = address,
            });
        }
    }
}
