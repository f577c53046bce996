namespace Mamori.Lab;

/// <summary>The lab cannot run here (not root, or a tool is missing); the message names the Debian packages.</summary>
public sealed class LabUnavailableException : Exception
{
    public LabUnavailableException()
    {
    }

    public LabUnavailableException(string message)
        : base(message)
    {
    }

    public LabUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
