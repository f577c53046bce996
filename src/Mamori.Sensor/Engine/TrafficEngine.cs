using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Capture.Live;
using Mamori.Sensor.Events;
using Mamori.Sensor.Flows;
using Mamori.Sensor.Protocols;
using Mamori.Sensor.Protocols.Arp;
using Mamori.Sensor.Protocols.Ethernet;
using Mamori.Sensor.Protocols.Icmp;
using Mamori.Sensor.Protocols.Ipv4;
using Mamori.Sensor.Protocols.Ipv6;
using Mamori.Sensor.Protocols.Tcp;
using Mamori.Sensor.Protocols.Udp;

namespace Mamori.Sensor.Engine;

/// <summary>
/// The sensor's pipeline: packets in (from any <see cref="ICaptureSource"/>), decoded layer by
/// layer, tracked as flows, TCP streams reassembled and handed with UDP datagrams to the
/// application parsers, and every resulting <see cref="MetadataEvent"/> passed to one sink.
/// Single-threaded by design: one engine per capture, run on one core.
/// </summary>
/// <remarks>
/// Steady state allocates nothing per packet: decoders are ref structs over the capture buffer,
/// flows are found by a struct key, and objects (FlowInfo, strings, events) are made only when a
/// flow starts or an event is emitted.
/// </remarks>
public sealed partial class TrafficEngine : IDisposable
{
    private readonly TrafficEngineOptions _options;
    private readonly CountingSink _sink;
    private readonly FlowTable _flows;
    private readonly FlowUidGenerator _uids;
    private readonly FragmentReassembler _fragments = new();
    private readonly long _activeTimeoutTicks;
    private long _now;

    /// <summary>Creates an engine that reports to <paramref name="sink"/>.</summary>
    public TrafficEngine(IEventSink sink, TrafficEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _options = options ?? new TrafficEngineOptions();
        _sink = new CountingSink(sink, Counters);
        _flows = new FlowTable(_options.Flows, OnFlowEnded);
        _uids = new FlowUidGenerator(_options.Flows.UidSeed);
        _activeTimeoutTicks = _options.Flows.ActiveTimeout.Ticks;
    }

    /// <summary>Counters since the engine was created.</summary>
    public EngineCounters Counters { get; } = new();

    /// <summary>Reads every packet from <paramref name="source"/>, then ends all flows.</summary>
    /// <param name="source">Where packets come from.</param>
    /// <param name="progress">Called every few thousand packets, e.g. for a progress bar.</param>
    /// <param name="cancellationToken">Stops reading (flows are still ended and reported).</param>
    public void Run(ICaptureSource source, Action<ICaptureSource>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var countdown = 4096;
        while (source.TryReadPacket(out var packet))
        {
            Process(packet);
            if (--countdown == 0)
            {
                countdown = 4096;
                RefreshCaptureCounters(source);
                progress?.Invoke(source);
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        RefreshCaptureCounters(source);
        progress?.Invoke(source);
        Complete();
    }

    /// <summary>
    /// Moves packet time forward without a packet, ending flows whose timeouts passed. Live capture
    /// calls this on a quiet link (with the capture clock) so idle flows are still written out.
    /// </summary>
    public void AdvanceTime(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        if (ticks > _now)
        {
            _now = ticks;
            _flows.Expire(ticks);
            Counters.ActiveFlows = _flows.Count;
        }
    }

    private void RefreshCaptureCounters(ICaptureSource source)
    {
        if (source is LiveCapture live)
        {
            live.RefreshDropCounters();
        }

        Counters.CaptureDrops = source.Statistics.Dropped + source.Statistics.InterfaceDropped;
        Counters.CaptureErrors = source.Statistics.BadRecords;
    }

    /// <summary>Processes one packet.</summary>
    public void Process(in RawPacket packet)
    {
        Counters.Packets++;
        Counters.Bytes += packet.Data.Length;
        var ticks = packet.TimestampTicks;
        if (ticks > _now)
        {
            _now = ticks;
            _flows.Expire(ticks);
        }

        var data = packet.Data;
        ushort etherType;
        ushort vlan = 0;
        ReadOnlySpan<byte> payload;
        ReadOnlySpan<byte> sourceMac = default;
        switch (packet.LinkType)
        {
            case LinkType.Ethernet:
                if (!EthernetFrame.TryRead(data, out var frame))
                {
                    Counters.DecodeErrors++;
                    return;
                }

                etherType = frame.EtherType;
                vlan = frame.Vlan;
                payload = frame.Payload;
                sourceMac = frame.Source;
                break;
            case LinkType.LinuxSll:
                if (!LinuxCookedHeader.TryReadSll(data, out etherType, out payload))
                {
                    Counters.DecodeErrors++;
                    return;
                }

                break;
            case LinkType.LinuxSll2:
                if (!LinuxCookedHeader.TryReadSll2(data, out etherType, out payload))
                {
                    Counters.DecodeErrors++;
                    return;
                }

                break;
            case LinkType.Raw or LinkType.RawBsd12 or LinkType.RawBsd14 or LinkType.Ipv4 or LinkType.Ipv6:
                if (data.IsEmpty)
                {
                    Counters.DecodeErrors++;
                    return;
                }

                etherType = (data[0] >> 4) switch { 4 => EtherTypes.Ipv4, 6 => EtherTypes.Ipv6, _ => 0 };
                payload = data;
                break;
            case LinkType.Null:
                if (data.Length < 4)
                {
                    Counters.DecodeErrors++;
                    return;
                }

                // The family is in the writer's byte order; AF_INET is 2 everywhere, AF_INET6 24, 28 or 30.
                var family = BinaryPrimitives.ReadUInt32LittleEndian(data);
                if (family > 0xFFFF)
                {
                    family = BinaryPrimitives.ReverseEndianness(family);
                }

                etherType = family switch { 2 => EtherTypes.Ipv4, 24 or 28 or 30 => EtherTypes.Ipv6, _ => 0 };
                payload = data[4..];
                break;
            default:
                Counters.UnsupportedLinkType++;
                return;
        }

        switch (etherType)
        {
            case EtherTypes.Ipv4:
                ProcessIpv4(payload, vlan, ticks);
                break;
            case EtherTypes.Ipv6:
                ProcessIpv6(payload, vlan, ticks);
                break;
            case EtherTypes.Arp:
                ProcessArp(payload, ticks);
                break;
            default:
                Counters.OtherPackets++;
                break;
        }
    }

    /// <summary>Ends every flow (end of capture): flushes streams, closes parsers and writes flow records.</summary>
    public void Complete()
    {
        _flows.RemoveAll("end");
        Counters.FlowsEvicted = _flows.Evicted;
        Counters.FlowsExpired = _flows.Expired;
        Counters.ActiveFlows = 0;
        SyncFragmentCounters();
    }

    /// <inheritdoc />
    public void Dispose() => _fragments.Dispose();

    private void ProcessIpv4(ReadOnlySpan<byte> data, ushort vlan, long ticks)
    {
        if (!Ipv4Header.TryRead(data, out var ip))
        {
            Counters.DecodeErrors++;
            return;
        }

        Counters.Ipv4Packets++;
        var source = FlowAddress.FromIpv4(ip.Source);
        var destination = FlowAddress.FromIpv4(ip.Destination);
        var payload = ip.Payload;
        if (ip.IsFragment)
        {
            Counters.Fragments++;
            if (!_options.ReassembleFragments)
            {
                if (ip.FragmentOffset != 0)
                {
                    return;
                }
            }
            else
            {
                var result = _fragments.Add(source, destination, ip.Identification, ip.Protocol, ip.FragmentOffset, ip.MoreFragments, payload, ticks, out payload);
                SyncFragmentCounters();
                if (result != FragmentResult.Complete)
                {
                    return;
                }
            }
        }

        ProcessTransport(source, destination, ip.Protocol, payload, ip.HeaderLength + payload.Length, vlan, ticks, ipv6: false);
    }

    private void ProcessIpv6(ReadOnlySpan<byte> data, ushort vlan, long ticks)
    {
        if (!Ipv6Header.TryRead(data, out var ip))
        {
            Counters.DecodeErrors++;
            return;
        }

        Counters.Ipv6Packets++;
        var source = FlowAddress.FromIpv6(ip.Source);
        var destination = FlowAddress.FromIpv6(ip.Destination);
        var protocol = ip.Protocol;
        var payload = ip.Payload;
        if (ip.IsFragment)
        {
            Counters.Fragments++;
            if (!_options.ReassembleFragments)
            {
                if (ip.FragmentOffset != 0)
                {
                    return;
                }
            }
            else
            {
                var result = _fragments.Add(source, destination, ip.FragmentIdentification, protocol, ip.FragmentOffset, ip.MoreFragments, payload, ticks, out payload);
                SyncFragmentCounters();
                if (result != FragmentResult.Complete)
                {
                    return;
                }

                // Extension headers may follow the fragment header inside the reassembled data.
                if (!Ipv6Header.TryWalkExtensions(protocol, payload, out var chain) || chain.IsFragment)
                {
                    Counters.DecodeErrors++;
                    return;
                }

                protocol = chain.Protocol;
                payload = chain.Payload;
            }
        }

        ProcessTransport(source, destination, protocol, payload, data.Length, vlan, ticks, ipv6: true);
    }

    private void ProcessArp(ReadOnlySpan<byte> data, long ticks)
    {
        Counters.ArpPackets++;
        if (!ArpPacket.TryRead(data, out var arp))
        {
            Counters.DecodeErrors++;
            return;
        }

        if (!_options.EmitArp)
        {
            return;
        }

        _sink.OnEvent(new ArpEvent
        {
            Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero),
            Operation = arp.IsReply ? "reply" : "request",
            SenderMac = new PhysicalAddress(arp.SenderMac.ToArray()),
            SenderAddress = new IPAddress(arp.SenderAddress),
            TargetMac = arp.IsReply ? new PhysicalAddress(arp.TargetMac.ToArray()) : null,
            TargetAddress = new IPAddress(arp.TargetAddress),
        });
    }

    private void SyncFragmentCounters()
    {
        Counters.FragmentsReassembled = _fragments.Reassembled;
        Counters.FragmentsAbandoned = _fragments.Abandoned;
    }

    /// <summary>Counts events by kind on their way to the real sink.</summary>
    private sealed class CountingSink(IEventSink inner, EngineCounters counters) : IEventSink
    {
        public void OnEvent(MetadataEvent metadataEvent)
        {
            counters.CountEvent(metadataEvent.Kind);
            inner.OnEvent(metadataEvent);
        }
    }
}
