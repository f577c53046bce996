using System.Buffers.Binary;
using System.Text;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Smb;

/// <summary>
/// Offsets of the SMB2 header and the messages the parser reads ([MS-SMB2] §2.2.1 header, §2.2.5/6
/// SESSION_SETUP, §2.2.9/10 TREE_CONNECT, §2.2.13/14 CREATE). Body offsets are from the body start;
/// the offsets a body carries (security buffer, path, name) are from the header start.
/// </summary>
internal static class Smb2Layout
{
    public const int HeaderLength = 64;
    public const int StatusOffset = 8;
    public const int CommandOffset = 12;
    public const int FlagsOffset = 16;
    public const int NextCommandOffset = 20;
    public const int MessageIdOffset = 24;
    public const int TreeIdOffset = 36;
    public const int SessionIdOffset = 40;
    public const int SecurityBufferOffsetOffset = 12;
    public const int SecurityBufferLengthOffset = 14;
    public const int SessionSetupRequestMinLength = 24;
    public const ushort CommandSessionSetup = 0x0001;
    public const ushort CommandTreeConnect = 0x0003;
    public const ushort CommandCreate = 0x0005;
    public const uint FlagServerToRedirector = 0x00000001;
    public const uint FlagAsyncCommand = 0x00000002;

    public const int TreeConnectFlagsOffset = 2;
    public const int TreeConnectPathOffsetOffset = 4;
    public const int TreeConnectPathLengthOffset = 6;
    public const int TreeConnectRequestMinLength = 8;
    public const ushort TreeConnectFlagExtensionPresent = 0x0004;
    public const int TreeConnectShareTypeOffset = 2;
    public const int TreeConnectResponseMinLength = 16;
    public const byte ShareTypePipe = 0x02;

    public const int CreateDesiredAccessOffset = 24;
    public const int CreateDispositionOffset = 36;
    public const int CreateOptionsOffset = 40;
    public const int CreateNameOffsetOffset = 44;
    public const int CreateNameLengthOffset = 46;
    public const int CreateRequestMinLength = 56;
    public const int CreateActionOffset = 4;
    public const int CreateResponseMinLength = 8;

    /// <summary>FILE_WRITE_DATA, FILE_APPEND_DATA, GENERIC_ALL, GENERIC_WRITE ([MS-SMB2] §2.2.13.1.1).</summary>
    public const uint WriteAccessMask = 0x00000002 | 0x00000004 | 0x10000000 | 0x40000000;
    public const uint DispositionOpen = 1;
    public const uint DispositionOpenIf = 3;
    public const uint CreateOptionDirectory = 0x00000001;
    public const uint CreateActionOpened = 1;

    public static ReadOnlySpan<byte> ProtocolId => [0xFE, (byte)'S', (byte)'M', (byte)'B'];
}

/// <summary>
/// SMB2/3 over TCP 445 (and 139) with the NetBIOS session framing (RFC 1002 §4.3.1):
/// <list type="bullet">
/// <item>the SESSION_SETUP request's NTLMSSP AUTHENTICATE names domain, user and workstation; the
/// response's NTSTATUS gives the outcome. Reported as <see cref="LoginEvent"/>(Ntlm).</item>
/// <item>TREE_CONNECT names the share (<c>\\server\share</c>) behind a session and tree id; a CREATE
/// on a disk share that asks for write access or creates a file is reported with its answer as
/// <see cref="SmbFileEvent"/> (the way programs are copied to another PC's ADMIN$). Opens for
/// reading, directories and named pipes (IPC$) are not reported; file contents are never read.</item>
/// </list>
/// Encrypted (transform) and SMB1 messages are skipped, and so are messages in frames longer than
/// the framing buffer (reads and writes of file data): TREE_CONNECT and CREATE are small.
/// A tree connected before the capture started is unknown, so its CREATEs are not reported.
/// </summary>
internal sealed class SmbParser : FramedStreamParser
{
    private const uint StatusSuccess = 0x00000000;
    private const uint StatusPending = 0x00000103;
    private const uint StatusMoreProcessingRequired = 0xC0000016;
    private const int MaxPending = 8;
    private const int MaxPendingTrees = 4;
    private const int MaxTrees = 16;
    private const int MaxPendingCreates = 16;
    private const int MaxPathBytes = 1024;
    private const int MaxNameChars = 256;

    private readonly List<Pending> _pending = [];
    private readonly List<PendingTree> _pendingTrees = [];
    private readonly List<Tree> _trees = [];
    private readonly List<PendingCreate> _pendingCreates = [];

    protected override int HeaderLength => 4;

    protected override bool TryGetFrameLength(ReadOnlySpan<byte> header, out int frameLength)
    {
        // Type 0 is a session message; its length has 17 bits (the 7 flag bits are zero).
        frameLength = 4 + (((header[1] & 0x01) << 16) | (header[2] << 8) | header[3]);
        return header[1] <= 1;
    }

    protected override void OnFrame(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> frame)
    {
        if (frame[0] != 0)
        {
            return;
        }

        ReadOnlySpan<byte> message = frame[4..];
        for (int guard = 0; guard < 32 && message.Length >= Smb2Layout.HeaderLength && message.StartsWith(Smb2Layout.ProtocolId); guard++)
        {
            uint next = BinaryPrimitives.ReadUInt32LittleEndian(message[Smb2Layout.NextCommandOffset..]);
            // A compounded message ends where the next begins; offsets inside it must stay inside it.
            OnSmb2(context, next >= Smb2Layout.HeaderLength && next <= (uint)message.Length ? message[..(int)next] : message);
            if (next == 0 || next > (uint)message.Length)
            {
                break;
            }

            message = message[(int)next..];
        }
    }

    public override void OnClose(in ParserContext context)
    {
        foreach (Pending pending in _pending)
        {
            Report(context, pending.Identity, LoginResult.Unknown, null);
        }

        foreach (PendingCreate create in _pendingCreates)
        {
            ReportFile(context, create, create.RequestedAction, null, null);
        }

        _pending.Clear();
        _pendingCreates.Clear();
        _pendingTrees.Clear();
        _trees.Clear();
    }

    private void OnSmb2(in ParserContext context, ReadOnlySpan<byte> message)
    {
        ushort command = BinaryPrimitives.ReadUInt16LittleEndian(message[Smb2Layout.CommandOffset..]);
        if (command is not (Smb2Layout.CommandSessionSetup or Smb2Layout.CommandTreeConnect or Smb2Layout.CommandCreate))
        {
            return;
        }

        ulong messageId = BinaryPrimitives.ReadUInt64LittleEndian(message[Smb2Layout.MessageIdOffset..]);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(message[Smb2Layout.FlagsOffset..]);
        if ((flags & Smb2Layout.FlagServerToRedirector) != 0)
        {
            uint status = BinaryPrimitives.ReadUInt32LittleEndian(message[Smb2Layout.StatusOffset..]);
            if (status == StatusPending && (flags & Smb2Layout.FlagAsyncCommand) != 0)
            {
                return; // an interim answer; the final one carries the same message id
            }

            switch (command)
            {
                case Smb2Layout.CommandSessionSetup: OnSessionSetupResponse(context, messageId, status); break;
                case Smb2Layout.CommandTreeConnect: OnTreeConnectResponse(message, messageId, status); break;
                default: OnCreateResponse(context, message, messageId, status); break;
            }

            return;
        }

        switch (command)
        {
            case Smb2Layout.CommandSessionSetup: OnSessionSetupRequest(message, messageId); break;
            case Smb2Layout.CommandTreeConnect: OnTreeConnectRequest(message, messageId); break;
            default: OnCreateRequest(message, messageId, flags); break;
        }
    }

    private void OnSessionSetupResponse(in ParserContext context, ulong messageId, uint status)
    {
        int index = -1;
        for (int i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].MessageId == messageId)
            {
                index = i;
                break;
            }
        }

        if (index < 0 || status == StatusMoreProcessingRequired)
        {
            return;
        }

        NtlmIdentity answered = _pending[index].Identity;
        _pending.RemoveAt(index);
        Report(context, answered, status == StatusSuccess ? LoginResult.Success : LoginResult.Failure, FormatStatus(status));
    }

    private void OnSessionSetupRequest(ReadOnlySpan<byte> message, ulong messageId)
    {
        ReadOnlySpan<byte> body = message[Smb2Layout.HeaderLength..];
        if (body.Length < Smb2Layout.SessionSetupRequestMinLength)
        {
            return;
        }

        int offset = BinaryPrimitives.ReadUInt16LittleEndian(body[Smb2Layout.SecurityBufferOffsetOffset..]);
        int length = BinaryPrimitives.ReadUInt16LittleEndian(body[Smb2Layout.SecurityBufferLengthOffset..]);
        if (offset < Smb2Layout.HeaderLength || offset + length > message.Length)
        {
            return;
        }

        if (NtlmMessage.Find(message.Slice(offset, length), out ReadOnlySpan<byte> ntlm) == NtlmMessage.TypeAuthenticate
            && NtlmMessage.TryReadAuthenticate(ntlm, out NtlmIdentity identity))
        {
            if (_pending.Count == MaxPending)
            {
                _pending.RemoveAt(0);
            }

            _pending.Add(new Pending(messageId, identity));
        }
    }

    private void OnTreeConnectRequest(ReadOnlySpan<byte> message, ulong messageId)
    {
        ReadOnlySpan<byte> body = message[Smb2Layout.HeaderLength..];
        if (body.Length < Smb2Layout.TreeConnectRequestMinLength
            || (BinaryPrimitives.ReadUInt16LittleEndian(body[Smb2Layout.TreeConnectFlagsOffset..]) & Smb2Layout.TreeConnectFlagExtensionPresent) != 0)
        {
            // SMB 3.1.1's extension moves the path behind a header of its own; no client Mamori has met sends it.
            return;
        }

        int offset = BinaryPrimitives.ReadUInt16LittleEndian(body[Smb2Layout.TreeConnectPathOffsetOffset..]);
        int length = BinaryPrimitives.ReadUInt16LittleEndian(body[Smb2Layout.TreeConnectPathLengthOffset..]);
        if (offset < Smb2Layout.HeaderLength || length == 0 || length > MaxPathBytes || offset + length > message.Length)
        {
            return;
        }

        string path = DecodeName(message.Slice(offset, length), MaxPathBytes / 2);
        int slash = path.LastIndexOf('\\');
        if (slash < 0 || slash == path.Length - 1)
        {
            return;
        }

        if (_pendingTrees.Count == MaxPendingTrees)
        {
            _pendingTrees.RemoveAt(0);
        }

        _pendingTrees.Add(new PendingTree(messageId, path, path[(slash + 1)..]));
    }

    private void OnTreeConnectResponse(ReadOnlySpan<byte> message, ulong messageId, uint status)
    {
        int index = -1;
        for (int i = 0; i < _pendingTrees.Count; i++)
        {
            if (_pendingTrees[i].MessageId == messageId)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return;
        }

        PendingTree pending = _pendingTrees[index];
        _pendingTrees.RemoveAt(index);
        ReadOnlySpan<byte> body = message[Smb2Layout.HeaderLength..];
        if (status != StatusSuccess || body.Length < Smb2Layout.TreeConnectResponseMinLength
            || body[Smb2Layout.TreeConnectShareTypeOffset] == Smb2Layout.ShareTypePipe)
        {
            return;
        }

        ulong sessionId = BinaryPrimitives.ReadUInt64LittleEndian(message[Smb2Layout.SessionIdOffset..]);
        uint treeId = BinaryPrimitives.ReadUInt32LittleEndian(message[Smb2Layout.TreeIdOffset..]);
        int existing = FindTree(sessionId, treeId);
        if (existing >= 0)
        {
            _trees.RemoveAt(existing);
        }
        else if (_trees.Count == MaxTrees)
        {
            _trees.RemoveAt(0);
        }

        _trees.Add(new Tree(sessionId, treeId, pending.Path, pending.Share));
    }

    private void OnCreateRequest(ReadOnlySpan<byte> message, ulong messageId, uint flags)
    {
        ReadOnlySpan<byte> body = message[Smb2Layout.HeaderLength..];
        if (body.Length < Smb2Layout.CreateRequestMinLength || (flags & Smb2Layout.FlagAsyncCommand) != 0)
        {
            return;
        }

        // Decide from fixed fields first: an open for reading costs nothing.
        uint access = BinaryPrimitives.ReadUInt32LittleEndian(body[Smb2Layout.CreateDesiredAccessOffset..]);
        uint disposition = BinaryPrimitives.ReadUInt32LittleEndian(body[Smb2Layout.CreateDispositionOffset..]);
        uint options = BinaryPrimitives.ReadUInt32LittleEndian(body[Smb2Layout.CreateOptionsOffset..]);
        bool createsContent = disposition is not (Smb2Layout.DispositionOpen or Smb2Layout.DispositionOpenIf) && disposition <= 5;
        if (((access & Smb2Layout.WriteAccessMask) == 0 && !createsContent) || (options & Smb2Layout.CreateOptionDirectory) != 0)
        {
            return;
        }

        int offset = BinaryPrimitives.ReadUInt16LittleEndian(body[Smb2Layout.CreateNameOffsetOffset..]);
        int length = BinaryPrimitives.ReadUInt16LittleEndian(body[Smb2Layout.CreateNameLengthOffset..]);
        if (length == 0 || offset < Smb2Layout.HeaderLength || offset + length > message.Length)
        {
            return;
        }

        ulong sessionId = BinaryPrimitives.ReadUInt64LittleEndian(message[Smb2Layout.SessionIdOffset..]);
        uint treeId = BinaryPrimitives.ReadUInt32LittleEndian(message[Smb2Layout.TreeIdOffset..]);
        int tree = FindTree(sessionId, treeId);
        if (tree < 0)
        {
            return;
        }

        if (_pendingCreates.Count == MaxPendingCreates)
        {
            _pendingCreates.RemoveAt(0);
        }

        Tree known = _trees[tree];
        string name = DecodeName(message.Slice(offset, length), MaxNameChars);
        _pendingCreates.Add(new PendingCreate(messageId, known.Path, known.Share, name, createsContent ? SmbFileAction.Create : SmbFileAction.Write));
    }

    private void OnCreateResponse(in ParserContext context, ReadOnlySpan<byte> message, ulong messageId, uint status)
    {
        int index = -1;
        for (int i = 0; i < _pendingCreates.Count; i++)
        {
            if (_pendingCreates[i].MessageId == messageId)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return;
        }

        PendingCreate create = _pendingCreates[index];
        _pendingCreates.RemoveAt(index);
        SmbFileAction action = create.RequestedAction;
        ReadOnlySpan<byte> body = message[Smb2Layout.HeaderLength..];
        if (status == StatusSuccess && body.Length >= Smb2Layout.CreateResponseMinLength)
        {
            // The server says what happened: FILE_OPENED, or created/overwritten/superseded.
            action = BinaryPrimitives.ReadUInt32LittleEndian(body[Smb2Layout.CreateActionOffset..]) == Smb2Layout.CreateActionOpened
                ? SmbFileAction.Write
                : SmbFileAction.Create;
        }

        ReportFile(context, create, action, status == StatusSuccess, FormatStatus(status));
    }

    private int FindTree(ulong sessionId, uint treeId)
    {
        for (int i = 0; i < _trees.Count; i++)
        {
            if (_trees[i].SessionId == sessionId && _trees[i].TreeId == treeId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>UTF-16LE text without control characters; past <paramref name="maxChars"/> only the end is kept ("…" + end).</summary>
    private static string DecodeName(ReadOnlySpan<byte> utf16, int maxChars)
    {
        utf16 = utf16[..(utf16.Length & ~1)];
        bool truncated = utf16.Length > maxChars * 2;
        string text = truncated
            ? string.Concat("\u2026", Encoding.Unicode.GetString(utf16[^((maxChars - 1) * 2)..]))
            : Encoding.Unicode.GetString(utf16);
        return text.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 ? text : ReplaceControls(text);
    }

    private static string ReplaceControls(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = source[i] < ' ' ? '?' : source[i];
        }
    });

    private static string FormatStatus(uint status) => "0x" + status.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    private static void Report(in ParserContext context, NtlmIdentity identity, LoginResult result, string? status)
    {
        context.Sink.OnEvent(new LoginEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            Protocol = LoginProtocol.Ntlm,
            User = identity.User,
            Domain = identity.Domain,
            Workstation = identity.Workstation,
            Result = result,
            Status = status,
        });
    }

    private static void ReportFile(in ParserContext context, PendingCreate create, SmbFileAction action, bool? succeeded, string? status)
    {
        context.Sink.OnEvent(new SmbFileEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            Action = action,
            Path = create.Path,
            Share = create.Share,
            Name = create.Name,
            Succeeded = succeeded,
            Status = status,
        });
    }

    private readonly record struct Pending(ulong MessageId, NtlmIdentity Identity);

    private readonly record struct PendingTree(ulong MessageId, string Path, string Share);

    private readonly record struct Tree(ulong SessionId, uint TreeId, string Path, string Share);

    private readonly record struct PendingCreate(ulong MessageId, string Path, string Share, string Name, SmbFileAction RequestedAction);
}
