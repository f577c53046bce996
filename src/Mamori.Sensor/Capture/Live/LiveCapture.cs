using System.Runtime.InteropServices;

namespace Mamori.Sensor.Capture.Live;

/// <summary>
/// Captures from a network interface through libpcap (Npcap on Windows). Reads block for at most
/// <see cref="LiveCaptureOptions.ReadTimeout"/>; <see cref="Stop"/> (from any thread) ends the capture.
/// </summary>
public sealed class LiveCapture : ICaptureSource
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private IntPtr _handle;
    private readonly LinkType _linkType;
    private volatile bool _stopped;

    private LiveCapture(IntPtr handle, LinkType linkType)
    {
        _handle = handle;
        _linkType = linkType;
    }

    /// <inheritdoc />
    public CaptureStatistics Statistics { get; } = new();

    /// <inheritdoc />
    public long Position => 0;

    /// <inheritdoc />
    public long? Length => null;

    /// <summary>Link type the interface delivers.</summary>
    public LinkType LinkType => _linkType;

    /// <summary>Opens and activates an interface.</summary>
    /// <exception cref="InvalidOperationException">libpcap refused (no such interface, no permission, bad filter).</exception>
    /// <exception cref="DllNotFoundException">libpcap is not installed.</exception>
    public static unsafe LiveCapture Open(LiveCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LibPcap.EnsureResolver();
        var error = stackalloc byte[LibPcap.ErrorBufferSize];
        error[0] = 0;
        var handle = LibPcap.Create(options.Interface, error);
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException($"pcap_create({options.Interface}): {Marshal.PtrToStringUTF8((IntPtr)error)}");
        }

        try
        {
            // The setters only fail on an already-activated handle, which this one is not.
            _ = LibPcap.SetSnapLength(handle, options.SnapLength);
            _ = LibPcap.SetPromiscuous(handle, options.Promiscuous ? 1 : 0);
            _ = LibPcap.SetTimeout(handle, (int)Math.Clamp(options.ReadTimeout.TotalMilliseconds, 1, int.MaxValue));
            _ = LibPcap.SetBufferSize(handle, options.BufferSize);
            var status = LibPcap.Activate(handle);
            if (status < 0)
            {
                throw new InvalidOperationException($"pcap_activate({options.Interface}) failed ({status}): {LibPcap.ErrorText(handle)}");
            }

            if (!string.IsNullOrWhiteSpace(options.Filter))
            {
                var program = default(LibPcap.BpfProgram);
                if (LibPcap.Compile(handle, ref program, options.Filter, 1, 0xFFFFFFFF) < 0)
                {
                    throw new InvalidOperationException($"BPF filter \"{options.Filter}\": {LibPcap.ErrorText(handle)}");
                }

                try
                {
                    if (LibPcap.SetFilter(handle, ref program) < 0)
                    {
                        throw new InvalidOperationException($"pcap_setfilter: {LibPcap.ErrorText(handle)}");
                    }
                }
                finally
                {
                    LibPcap.FreeCode(ref program);
                }
            }

            return new LiveCapture(handle, (LinkType)LibPcap.DataLink(handle));
        }
        catch
        {
            LibPcap.Close(handle);
            throw;
        }
    }

    /// <summary>Names of the interfaces libpcap can capture on.</summary>
    public static unsafe IReadOnlyList<CaptureInterface> ListInterfaces()
    {
        LibPcap.EnsureResolver();
        var error = stackalloc byte[LibPcap.ErrorBufferSize];
        error[0] = 0;
        if (LibPcap.FindAllDevices(out var devices, error) < 0)
        {
            throw new InvalidOperationException($"pcap_findalldevs: {Marshal.PtrToStringUTF8((IntPtr)error)}");
        }

        var result = new List<CaptureInterface>();
        try
        {
            for (var current = devices; current != IntPtr.Zero;)
            {
                var device = Marshal.PtrToStructure<LibPcap.PcapInterface>(current);
                result.Add(new CaptureInterface(
                    Marshal.PtrToStringUTF8(device.Name) ?? "",
                    Marshal.PtrToStringUTF8(device.Description)));
                current = device.Next;
            }
        }
        finally
        {
            if (devices != IntPtr.Zero)
            {
                LibPcap.FreeAllDevices(devices);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public unsafe bool TryReadPacket(out RawPacket packet)
    {
        while (!_stopped && _handle != IntPtr.Zero)
        {
            var status = LibPcap.NextEx(_handle, out var header, out var data);
            if (status == 1)
            {
                // struct pcap_pkthdr: struct timeval (two C longs), then caplen and len as 32-bit.
                long seconds;
                long micros;
                int captured;
                int original;
                if (OperatingSystem.IsWindows())
                {
                    var h = (int*)header;
                    seconds = h[0];
                    micros = h[1];
                    captured = h[2];
                    original = h[3];
                }
                else
                {
                    var h = (long*)header;
                    seconds = h[0];
                    micros = h[1];
                    var lengths = (int*)(h + 2);
                    captured = lengths[0];
                    original = lengths[1];
                }

                var ticks = UnixEpochTicks + (seconds * TimeSpan.TicksPerSecond) + (micros * 10);
                packet = new RawPacket(ticks, _linkType, original, new ReadOnlySpan<byte>((void*)data, captured));
                Statistics.Packets++;
                Statistics.Bytes += captured;
                return true;
            }

            if (status == 0)
            {
                continue;
            }

            if (status == -1)
            {
                Statistics.Report(0, $"pcap_next_ex: {LibPcap.ErrorText(_handle)}");
            }

            break;
        }

        packet = default;
        return false;
    }

    /// <summary>Refreshes <see cref="CaptureStatistics.Dropped"/> and <see cref="CaptureStatistics.InterfaceDropped"/> from the kernel.</summary>
    public void RefreshDropCounters()
    {
        if (_handle != IntPtr.Zero && LibPcap.Stats(_handle, out var stats) == 0)
        {
            Statistics.Dropped = stats.Dropped;
            Statistics.InterfaceDropped = stats.InterfaceDropped;
        }
    }

    /// <summary>Makes the current and every later read return false. Safe from any thread.</summary>
    public void Stop()
    {
        _stopped = true;
        var handle = _handle;
        if (handle != IntPtr.Zero)
        {
            LibPcap.BreakLoop(handle);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopped = true;
        var handle = _handle;
        _handle = IntPtr.Zero;
        if (handle != IntPtr.Zero)
        {
            LibPcap.Close(handle);
        }
    }
}

/// <summary>An interface libpcap can capture on.</summary>
/// <param name="Name">Name to pass to <see cref="LiveCaptureOptions.Interface"/>.</param>
/// <param name="Description">Human-readable description, when libpcap has one.</param>
public sealed record CaptureInterface(string Name, string? Description);
