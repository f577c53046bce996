using Mamori.Sensor.Events;

namespace Mamori.Sensor.Protocols.Dns;

/// <summary>
/// Pairs queries with responses by transaction id within one flow, as Zeek's dns.log does: one
/// <see cref="DnsEvent"/> per query, completed by its response. The pending table is bounded;
/// a query pushed out by newer ones, or still open at close, is reported without an answer.
/// </summary>
internal sealed class DnsTransactions
{
    public const int Capacity = 32;

    private readonly Pending[] _pending = new Pending[Capacity];
    private readonly string _transport;
    private int _count;

    public DnsTransactions(string transport) => _transport = transport;

    /// <summary>Messages that could not be parsed.</summary>
    public int Malformed { get; set; }

    public void OnMessage(in ParserContext context, DnsMessage message)
    {
        if (!message.IsResponse)
        {
            if (_count == Capacity)
            {
                Emit(context, _pending[0], null);
                RemoveAt(0);
            }

            _pending[_count++] = new Pending(message, context.Timestamp);
            return;
        }

        for (int i = 0; i < _count; i++)
        {
            if (_pending[i].Query.Id == message.Id)
            {
                Pending query = _pending[i];
                RemoveAt(i);
                Emit(context, query, message);
                return;
            }
        }

        Emit(context, default, message);
    }

    public void Flush(in ParserContext context)
    {
        for (int i = 0; i < _count; i++)
        {
            Emit(context, _pending[i], null);
            _pending[i] = default;
        }

        _count = 0;
    }

    private void RemoveAt(int index)
    {
        Array.Copy(_pending, index + 1, _pending, index, _count - index - 1);
        _pending[--_count] = default;
    }

    private void Emit(in ParserContext context, Pending query, DnsMessage? response)
    {
        DnsMessage first = query.Query ?? response!;
        context.Sink.OnEvent(new DnsEvent
        {
            Timestamp = response is null ? query.Timestamp : context.Timestamp,
            Flow = context.Flow,
            TransactionId = first.Id,
            Query = query.Query?.Query ?? response!.Query,
            QueryType = first.QueryType,
            QueryTypeName = DnsNames.TypeName(first.QueryType),
            ResponseCode = response?.ResponseCode,
            ResponseCodeName = response is null ? null : DnsNames.ResponseCodeName(response.ResponseCode),
            Answers = response?.Answers ?? (IReadOnlyList<string>)[],
            Ttls = response?.Ttls ?? (IReadOnlyList<uint>)[],
            QueryLength = query.Query?.Length ?? 0,
            ResponseLength = response?.Length ?? 0,
            Transport = _transport,
        });
    }

    private readonly record struct Pending(DnsMessage Query, DateTimeOffset Timestamp);
}
