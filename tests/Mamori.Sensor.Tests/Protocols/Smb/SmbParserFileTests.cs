using System.Buffers.Binary;
using System.Text;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;
using Mamori.Sensor.Protocols.Smb;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Protocols.Smb;

/// <summary>
/// TREE_CONNECT and CREATE ([MS-SMB2] §2.2.9, §2.2.10, §2.2.13, §2.2.14) built field by field: which
/// opens become <see cref="SmbFileEvent"/>s, and the parser checks every stream parser passes.
/// </summary>
public class SmbParserFileTests
{
    private const ulong Session = 0x0000_0000_c422_7efbUL;
    private const uint ReadAccess = 0x00120089;          // FILE_GENERIC_READ
    private const uint ReadWriteAccess = 0x0012019f;     // what smbclient's put asks for
    private const uint Open = 1;
    private const uint OverwriteIf = 5;

    private static byte[] Header(ushort command, ulong messageId, bool response, uint status = 0, uint treeId = 0, uint flags = 0, uint next = 0)
    {
        byte[] header = new byte[64];
        Smb2Layout.ProtocolId.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 64);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), status);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), command);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), flags | (response ? 1u : 0u));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), next);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(24), messageId);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(36), treeId);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(40), Session);
        return header;
    }

    /// <summary>One NetBIOS session message holding the SMB2 messages (compounded when more than one).</summary>
    private static byte[] Frame(params byte[][] messages)
    {
        byte[] payload = [.. messages.SelectMany(m => m)];
        return [0, (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
    }

    private static byte[] TreeConnect(ulong messageId, string path)
    {
        byte[] name = Encoding.Unicode.GetBytes(path);
        byte[] body = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 9);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(4), 64 + 8);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(6), (ushort)name.Length);
        return [.. Header(3, messageId, false), .. body, .. name];
    }

    private static byte[] TreeConnected(ulong messageId, uint treeId, byte shareType = 0x01, uint status = 0)
    {
        byte[] body = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 16);
        body[2] = shareType;
        return [.. Header(3, messageId, true, status, treeId), .. body];
    }

    private static byte[] Create(ulong messageId, uint treeId, string name, uint access, uint disposition, uint options = 0x40, uint next = 0)
    {
        byte[] encoded = Encoding.Unicode.GetBytes(name);
        byte[] body = new byte[56];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 57);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(24), access);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(36), disposition);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(40), options);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(44), 64 + 56);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(46), (ushort)encoded.Length);
        byte[] message = [.. Header(5, messageId, false, treeId: treeId, next: next), .. body, .. encoded];
        return next == 0 ? message : [.. message, .. new byte[(int)next - message.Length]];
    }

    private static byte[] Created(ulong messageId, uint treeId, uint action, uint status = 0, uint flags = 0)
    {
        byte[] body = new byte[88];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 89);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), action);
        return [.. Header(5, messageId, true, status, treeId, flags), .. body];
    }

    private static byte[] Write(ulong messageId, uint treeId, int length)
    {
        byte[] body = new byte[48 + length];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 49);
        return [.. Header(9, messageId, false, treeId: treeId), .. body];
    }

    /// <summary>
    /// A PsExec-like session: ADMIN$ and IPC$ trees; update.exe written (an event), tool.exe read,
    /// the svcctl pipe opened read-write on IPC$, a directory created and a file on an unknown tree
    /// (none of them events).
    /// </summary>
    private static List<Segment> Conversation() =>
    [
        Segment.Client(Frame(TreeConnect(3, @"\\10.0.0.9\IPC$"))),
        Segment.Server(Frame(TreeConnected(3, 0x11, shareType: 0x02))),
        Segment.Client(Frame(TreeConnect(4, @"\\10.0.0.9\ADMIN$"))),
        Segment.Server(Frame(TreeConnected(4, 0x22))),
        Segment.Client(Frame(Create(5, 0x11, "svcctl", ReadWriteAccess, Open))),
        Segment.Server(Frame(Created(5, 0x11, 1))),
        Segment.Client(Frame(Create(6, 0x22, "tool.exe", ReadAccess, Open))),
        Segment.Server(Frame(Created(6, 0x22, 1))),
        Segment.Client(Frame(Create(7, 0x22, "Temp", ReadWriteAccess, 2, options: 0x01))),
        Segment.Server(Frame(Created(7, 0x22, 2))),
        Segment.Client(Frame(Create(8, 0x99, "elsewhere.exe", ReadWriteAccess, OverwriteIf))),
        Segment.Server(Frame(Created(8, 0x99, 2))),
        Segment.Client(Frame(Create(9, 0x22, "update.exe", ReadWriteAccess, OverwriteIf))),
        Segment.Server(Frame(Created(9, 0x22, 2))),
        Segment.Client(Frame(Write(10, 0x22, 200))),
    ];

    [Fact]
    public void OnData_PsExecLikeSession_ReportsOnlyTheProgramWrittenToAdminShare()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmbParser(), Conversation(), 445);

        SmbFileEvent file = Assert.Single(events.OfType<SmbFileEvent>());
        Assert.Equal((SmbFileAction.Create, @"\\10.0.0.9\ADMIN$", "ADMIN$", "update.exe", (bool?)true, "0x00000000"),
            (file.Action, file.Path, file.Share, file.Name, file.Succeeded, file.Status));
        Assert.Equal("smb_files", file.Kind);
    }

    [Fact]
    public void OnData_Conversation_SplitAnywhereTruncatedOrMangled_SameEventsAndNoThrow()
    {
        List<MetadataEvent> events = StreamParserChecks.AssertSplitInvariant(() => new SmbParser(), Conversation());
        Assert.Single(events.OfType<SmbFileEvent>());
        StreamParserChecks.AssertTruncationsAreSafe(() => new SmbParser(), Conversation());
        StreamParserChecks.AssertGarbageIsSafe(() => new SmbParser(), Conversation());
    }

    [Fact]
    public void OnData_ExistingFileOpenedForWriting_ReportsWrite()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmbParser(),
        [
            Segment.Client(Frame(TreeConnect(1, @"\\PC2\C$"))),
            Segment.Server(Frame(TreeConnected(1, 7))),
            Segment.Client(Frame(Create(2, 7, @"Windows\Temp\a.ps1", 0x00000002, Open))),
            Segment.Server(Frame(Created(2, 7, 1))),
        ]);

        SmbFileEvent file = Assert.Single(events.OfType<SmbFileEvent>());
        Assert.Equal((SmbFileAction.Write, "C$", @"Windows\Temp\a.ps1"), (file.Action, file.Share, file.Name));
    }

    [Fact]
    public void OnData_RefusedCreate_ReportsFailureWithStatus()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmbParser(),
        [
            Segment.Client(Frame(TreeConnect(1, @"\\10.0.0.9\ADMIN$"))),
            Segment.Server(Frame(TreeConnected(1, 7))),
            Segment.Client(Frame(Create(2, 7, "PSEXESVC.exe", ReadWriteAccess, OverwriteIf))),
            Segment.Server(Frame(Created(2, 7, 0, status: 0xC0000022))),
        ]);

        SmbFileEvent file = Assert.Single(events.OfType<SmbFileEvent>());
        Assert.Equal((SmbFileAction.Create, (bool?)false, "0xc0000022"), (file.Action, file.Succeeded, file.Status));
    }

    [Fact]
    public void OnData_RefusedTreeConnect_ItsCreatesAreNotReported()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmbParser(),
        [
            Segment.Client(Frame(TreeConnect(1, @"\\10.0.0.9\ADMIN$"))),
            Segment.Server(Frame(TreeConnected(1, 7, status: 0xC0000022))),
            Segment.Client(Frame(Create(2, 7, "PSEXESVC.exe", ReadWriteAccess, OverwriteIf))),
            Segment.Server(Frame(Created(2, 7, 2))),
        ]);

        Assert.Empty(events.OfType<SmbFileEvent>());
    }

    [Fact]
    public void OnData_InterimPendingAnswer_WaitsForTheFinalOne()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmbParser(),
        [
            Segment.Client(Frame(TreeConnect(1, @"\\10.0.0.9\ADMIN$"))),
            Segment.Server(Frame(TreeConnected(1, 7))),
            Segment.Client(Frame(Create(2, 7, "a.exe", ReadWriteAccess, OverwriteIf))),
            Segment.Server(Frame(Created(2, 7, 0, status: 0x00000103, flags: 0x2))),
            Segment.Server(Frame(Created(2, 7, 3, flags: 0x2))),
        ]);

        SmbFileEvent file = Assert.Single(events.OfType<SmbFileEvent>());
        Assert.Equal((SmbFileAction.Create, (bool?)true), (file.Action, file.Succeeded));
    }

    [Fact]
    public void OnClose_UnansweredCreate_ReportedWithUnknownOutcome()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmbParser(),
        [
            Segment.Client(Frame(TreeConnect(1, @"\\10.0.0.9\ADMIN$"))),
            Segment.Server(Frame(TreeConnected(1, 7))),
            Segment.Client(Frame(Create(2, 7, "a.exe", ReadWriteAccess, OverwriteIf))),
        ]);

        SmbFileEvent file = Assert.Single(events.OfType<SmbFileEvent>());
        Assert.Equal((SmbFileAction.Create, (bool?)null, (string?)null), (file.Action, file.Succeeded, file.Status));
    }

    [Fact]
    public void OnData_CompoundedCreates_EachOneRead()
    {
        byte[] first = Create(2, 7, "one.exe", ReadWriteAccess, OverwriteIf, next: 136);
        byte[] second = Create(3, 7, "two.dll", ReadWriteAccess, OverwriteIf);
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmbParser(),
        [
            Segment.Client(Frame(TreeConnect(1, @"\\10.0.0.9\ADMIN$"))),
            Segment.Server(Frame(TreeConnected(1, 7))),
            Segment.Client(Frame(first, second)),
            Segment.Server(Frame(Created(2, 7, 2))),
            Segment.Server(Frame(Created(3, 7, 2))),
        ]);

        Assert.Equal(["one.exe", "two.dll"], events.OfType<SmbFileEvent>().Select(e => e.Name));
    }

    [Fact]
    public void OnData_VeryLongName_KeepsTheEndBounded()
    {
        string name = new string('d', 600) + @"\payload.exe";
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmbParser(),
        [
            Segment.Client(Frame(TreeConnect(1, @"\\10.0.0.9\ADMIN$"))),
            Segment.Server(Frame(TreeConnected(1, 7))),
            Segment.Client(Frame(Create(2, 7, name, ReadWriteAccess, OverwriteIf))),
            Segment.Server(Frame(Created(2, 7, 2))),
        ]);

        SmbFileEvent file = Assert.Single(events.OfType<SmbFileEvent>());
        Assert.Equal(256, file.Name.Length);
        Assert.StartsWith("\u2026", file.Name, StringComparison.Ordinal);
        Assert.EndsWith(@"\payload.exe", file.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void OnData_ControlCharactersInName_Replaced()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmbParser(),
        [
            Segment.Client(Frame(TreeConnect(1, @"\\10.0.0.9\ADMIN$"))),
            Segment.Server(Frame(TreeConnected(1, 7))),
            Segment.Client(Frame(Create(2, 7, "a\nb\0.exe", ReadWriteAccess, OverwriteIf))),
            Segment.Server(Frame(Created(2, 7, 2))),
        ]);

        Assert.Equal("a?b?.exe", Assert.Single(events.OfType<SmbFileEvent>()).Name);
    }

    [Fact]
    public void OnData_ReadOpensAndFileWrites_AllocateNothing()
    {
        var parser = new SmbParser();
        ParserContext context = ProtocolTestKit.Context(ProtocolTestKit.Flow(445), new CollectingSink());
        parser.OnData(context, FlowDirection.ToResponder, Frame(TreeConnect(1, @"\\10.0.0.9\share")));
        parser.OnData(context, FlowDirection.ToOriginator, Frame(TreeConnected(1, 7)));
        byte[] read = Frame(Create(2, 7, "report-2026Q3.xlsx", ReadAccess, Open));
        byte[] opened = Frame(Created(2, 7, 1));
        byte[] write = Frame(Write(3, 7, 1200));
        parser.OnData(context, FlowDirection.ToResponder, read);

        Assert.Equal(0, AllocationMeter.LeastOf(3, () =>
        {
            for (int i = 0; i < 1000; i++)
            {
                parser.OnData(context, FlowDirection.ToResponder, read);
                parser.OnData(context, FlowDirection.ToOriginator, opened);
                parser.OnData(context, FlowDirection.ToResponder, write);
            }
        }));
    }
}
