namespace Mamori.Sensor.Capture;

/// <summary>The stream is not a capture Mamori can read at all (as opposed to a bad record inside one).</summary>
public sealed class CaptureFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CaptureFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CaptureFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CaptureFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a byte offset.</summary>
    public CaptureFormatException(long offset, string message)
        : base($"offset {offset}: {message}")
    {
        Offset = offset;
    }

    /// <summary>Byte offset of the problem.</summary>
    public long Offset { get; }
}
