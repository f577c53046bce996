namespace Mamori.Sensor.Flows;

/// <summary>
/// The table of live flows: a struct-keyed dictionary for lookup plus one intrusive
/// least-recently-seen list per timeout class, so expiry and eviction are O(1) per flow and driven
/// by packet time, never by the wall clock. Flow objects are pooled.
/// </summary>
internal sealed class FlowTable
{
    private const int MaxPooled = 4096;

    private readonly Dictionary<FlowKey, Flow> _flows;
    private readonly Stack<Flow> _pool = new();
    private readonly Flow?[] _heads = new Flow?[4];
    private readonly Flow?[] _tails = new Flow?[4];
    private readonly long[] _timeoutTicks = new long[4];
    private readonly Action<Flow, string> _onEnded;

    public FlowTable(FlowTableOptions options, Action<Flow, string> onEnded)
    {
        Options = options;
        _onEnded = onEnded;
        _flows = new Dictionary<FlowKey, Flow>(Math.Min(options.MaxFlows, 1 << 16));
        _timeoutTicks[(int)TimeoutClass.Tcp] = options.TcpIdleTimeout.Ticks;
        _timeoutTicks[(int)TimeoutClass.Udp] = options.UdpIdleTimeout.Ticks;
        _timeoutTicks[(int)TimeoutClass.Other] = options.OtherIdleTimeout.Ticks;
        _timeoutTicks[(int)TimeoutClass.Closed] = options.ClosedTimeout.Ticks;
    }

    public FlowTableOptions Options { get; }

    public int Count => _flows.Count;

    public long Evicted { get; private set; }

    public long Expired { get; private set; }

    public Flow? Find(in FlowKey key) => _flows.TryGetValue(key, out var flow) ? flow : null;

    /// <summary>Takes a pooled flow and inserts it, evicting the least recently seen flow when full.</summary>
    public Flow Add(in FlowKey key, TimeoutClass timeoutClass)
    {
        if (_flows.Count >= Options.MaxFlows)
        {
            EvictOldest();
        }

        var flow = _pool.Count > 0 ? _pool.Pop() : new Flow();
        flow.Key = key;
        flow.TimeoutClass = timeoutClass;
        flow.InTable = true;
        _flows.Add(key, flow);
        Append(flow);
        return flow;
    }

    /// <summary>Marks the flow as seen at <paramref name="ticks"/> and moves it to the back of its list.</summary>
    public void Touch(Flow flow, long ticks, TimeoutClass timeoutClass)
    {
        flow.LastTicks = ticks;
        if (flow.TimeoutClass == timeoutClass && _tails[(int)timeoutClass] == flow)
        {
            return;
        }

        Unlink(flow);
        flow.TimeoutClass = timeoutClass;
        Append(flow);
    }

    /// <summary>Ends every flow idle past its class's timeout at packet time <paramref name="now"/>.</summary>
    public void Expire(long now)
    {
        for (var c = 0; c < _heads.Length; c++)
        {
            var timeout = _timeoutTicks[c];
            while (_heads[c] is { } head && now - head.LastTicks > timeout)
            {
                Expired++;
                Remove(head, c == (int)TimeoutClass.Closed ? "closed" : "idle");
            }
        }
    }

    /// <summary>Ends a flow: reports it, unlinks it and returns it to the pool.</summary>
    public void Remove(Flow flow, string reason)
    {
        Unlink(flow);
        _flows.Remove(flow.Key);
        _onEnded(flow, reason);
        flow.Reset();
        if (_pool.Count < MaxPooled)
        {
            _pool.Push(flow);
        }
    }

    /// <summary>Ends every flow (end of capture).</summary>
    public void RemoveAll(string reason)
    {
        for (var c = 0; c < _heads.Length; c++)
        {
            while (_heads[c] is { } head)
            {
                Remove(head, reason);
            }
        }
    }

    private void EvictOldest()
    {
        Flow? oldest = null;
        for (var c = 0; c < _heads.Length; c++)
        {
            if (_heads[c] is { } head && (oldest is null || head.LastTicks < oldest.LastTicks))
            {
                oldest = head;
            }
        }

        if (oldest is not null)
        {
            Evicted++;
            Remove(oldest, "evicted");
        }
    }

    private void Append(Flow flow)
    {
        var c = (int)flow.TimeoutClass;
        flow.Next = null;
        flow.Previous = _tails[c];
        if (_tails[c] is { } tail)
        {
            tail.Next = flow;
        }
        else
        {
            _heads[c] = flow;
        }

        _tails[c] = flow;
    }

    private void Unlink(Flow flow)
    {
        var c = (int)flow.TimeoutClass;
        if (flow.Previous is { } previous)
        {
            previous.Next = flow.Next;
        }
        else if (_heads[c] == flow)
        {
            _heads[c] = flow.Next;
        }

        if (flow.Next is { } next)
        {
            next.Previous = flow.Previous;
        }
        else if (_tails[c] == flow)
        {
            _tails[c] = flow.Previous;
        }

        flow.Previous = flow.Next = null;
    }
}
