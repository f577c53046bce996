using System.Reflection;
using System.Runtime.InteropServices;

namespace Mamori.Sensor.Capture.Live;

/// <summary>
/// The few libpcap functions live capture needs (https://www.tcpdump.org/manpages/pcap.3pcap.html).
/// Npcap on Windows exports the same API from wpcap.dll.
/// </summary>
internal static partial class LibPcap
{
    public const string LibraryName = "pcap";
    public const int ErrorBufferSize = 256;

    static LibPcap()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(LibPcap).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already registered for this assembly (e.g. by a second AppDomain-like host); keep it.
        }
    }

    /// <summary>Forces the static constructor (resolver registration) before the first P/Invoke.</summary>
    public static void EnsureResolver()
    {
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return IntPtr.Zero;
        }

        string[] candidates = OperatingSystem.IsWindows()
            ? ["wpcap"]
            : OperatingSystem.IsMacOS() ? ["libpcap.dylib", "libpcap.A.dylib"] : ["libpcap.so.0.8", "libpcap.so.1", "libpcap.so"];
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PcapStat
    {
        public uint Received;
        public uint Dropped;
        public uint InterfaceDropped;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct BpfProgram
    {
        public uint Length;
        public IntPtr Instructions;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PcapInterface
    {
        public IntPtr Next;
        public IntPtr Name;
        public IntPtr Description;
        public IntPtr Addresses;
        public uint Flags;
    }

    [LibraryImport(LibraryName, EntryPoint = "pcap_create")]
    public static unsafe partial IntPtr Create([MarshalAs(UnmanagedType.LPUTF8Str)] string source, byte* errorBuffer);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_snaplen")]
    public static partial int SetSnapLength(IntPtr handle, int snapLength);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_promisc")]
    public static partial int SetPromiscuous(IntPtr handle, int promiscuous);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_timeout")]
    public static partial int SetTimeout(IntPtr handle, int milliseconds);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_buffer_size")]
    public static partial int SetBufferSize(IntPtr handle, int bytes);

    [LibraryImport(LibraryName, EntryPoint = "pcap_set_immediate_mode")]
    public static partial int SetImmediateMode(IntPtr handle, int immediate);

    [LibraryImport(LibraryName, EntryPoint = "pcap_activate")]
    public static partial int Activate(IntPtr handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_datalink")]
    public static partial int DataLink(IntPtr handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_compile")]
    public static partial int Compile(IntPtr handle, ref BpfProgram program, [MarshalAs(UnmanagedType.LPUTF8Str)] string filter, int optimize, uint netmask);

    [LibraryImport(LibraryName, EntryPoint = "pcap_setfilter")]
    public static partial int SetFilter(IntPtr handle, ref BpfProgram program);

    [LibraryImport(LibraryName, EntryPoint = "pcap_freecode")]
    public static partial void FreeCode(ref BpfProgram program);

    [LibraryImport(LibraryName, EntryPoint = "pcap_next_ex")]
    public static partial int NextEx(IntPtr handle, out IntPtr header, out IntPtr data);

    [LibraryImport(LibraryName, EntryPoint = "pcap_stats")]
    public static partial int Stats(IntPtr handle, out PcapStat stats);

    [LibraryImport(LibraryName, EntryPoint = "pcap_breakloop")]
    public static partial void BreakLoop(IntPtr handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_geterr")]
    public static partial IntPtr GetError(IntPtr handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_close")]
    public static partial void Close(IntPtr handle);

    [LibraryImport(LibraryName, EntryPoint = "pcap_findalldevs")]
    public static unsafe partial int FindAllDevices(out IntPtr devices, byte* errorBuffer);

    [LibraryImport(LibraryName, EntryPoint = "pcap_freealldevs")]
    public static partial void FreeAllDevices(IntPtr devices);

    public static string ErrorText(IntPtr handle) => Marshal.PtrToStringUTF8(GetError(handle)) ?? "unknown libpcap error";
}
