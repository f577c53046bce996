namespace Mamori.Sensor.Capture;

/// <summary>Something wrong in a capture, located by byte offset from the start of the stream.</summary>
/// <param name="Offset">Byte offset of the bad record or block.</param>
/// <param name="Message">What was wrong, in words an analyst can act on.</param>
public readonly record struct CaptureError(long Offset, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"offset {Offset}: {Message}";
}

/// <summary>Counters a capture source keeps while it reads.</summary>
public sealed class CaptureStatistics
{
    /// <summary>Errors kept in <see cref="Errors"/>; later ones are counted only.</summary>
    public const int MaxKeptErrors = 100;

    private readonly List<CaptureError> _errors = [];

    /// <summary>Packets handed out.</summary>
    public long Packets { get; internal set; }

    /// <summary>Captured bytes handed out.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Records or blocks that were malformed and skipped.</summary>
    public long BadRecords { get; internal set; }

    /// <summary>Bytes skipped while looking for the next good record after a bad one.</summary>
    public long SkippedBytes { get; internal set; }

    /// <summary>Packets the kernel or driver dropped (live capture, or pcapng ISB/EPB drop counts).</summary>
    public long Dropped { get; internal set; }

    /// <summary>Packets the interface dropped (live capture).</summary>
    public long InterfaceDropped { get; internal set; }

    /// <summary>The first <see cref="MaxKeptErrors"/> errors.</summary>
    public IReadOnlyList<CaptureError> Errors => _errors;

    /// <summary>Raised for every error, including those past <see cref="MaxKeptErrors"/>.</summary>
    public event Action<CaptureError>? ErrorReported;

    internal void Report(long offset, string message)
    {
        var error = new CaptureError(offset, message);
        if (_errors.Count < MaxKeptErrors)
        {
            _errors.Add(error);
        }

        ErrorReported?.Invoke(error);
    }
}
