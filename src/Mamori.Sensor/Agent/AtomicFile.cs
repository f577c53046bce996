using System.Runtime.InteropServices;

namespace Mamori.Sensor.Agent;

/// <summary>
/// Crash-safe file replacement: write a temporary file in the same directory, flush it to the disk,
/// rename it over the target (atomic on POSIX file systems), then flush the directory so the rename
/// itself survives a power cut. After a crash a reader sees the old file or the new one, never half of one;
/// a leftover temporary file (<see cref="TemporarySuffix"/>) is the only trace of an interrupted write.
/// </summary>
public static partial class AtomicFile
{
    /// <summary>Suffix of temporary files; readers delete them on start.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/>.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="content">New content.</param>
    /// <param name="ownerOnly">Create the file readable by its owner only (0600), for credentials.</param>
    public static void Write(string path, ReadOnlySpan<byte> content, bool ownerOnly = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + TemporarySuffix);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = ownerOnly
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        SyncDirectory(directory);
    }

    /// <summary>Deletes <paramref name="path"/> and makes the deletion durable.</summary>
    public static void Delete(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.Delete(path);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>fsync(2) on a directory: without it a rename can be lost in a power cut even though the file's data was flushed.</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var fd = Open(directory, 0); // O_RDONLY: enough to fsync a directory
        if (fd < 0)
        {
            return; // best effort: the data itself is already on disk
        }

        _ = FSync(fd);
        _ = Close(fd);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
