using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection;

/// <summary>Reads Zeek connection states the way scan and flood detectors need them.</summary>
public static class ConnectionStates
{
    /// <summary>
    /// True for an attempt that never became a conversation: no answer (S0), refused (REJ),
    /// reset before data (RSTOS0, RSTR/RSTO/S1 with no originator payload), half-seen (SH, SHR,
    /// OTH) — Zeek's scan policy counts the same "unsuccessful" attempts.
    /// </summary>
    public static bool IsFailedAttempt(ConnectionEvent connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.State switch
        {
            "S0" or "REJ" or "RSTOS0" or "RSTRH" or "SH" or "SHR" => true,
            "OTH" or "RSTO" or "RSTR" or "S1" => connection.OriginatorBytes == 0,
            null => connection.ResponderPackets == 0 && connection.OriginatorBytes == 0,
            _ => false,
        };
    }

    /// <summary>
    /// True for a TCP connection the originator never completed: a SYN with no originator ACK
    /// after it ('S' but no 'A' in the history), or state S0/REJ/RSTOS0 when no history is given.
    /// </summary>
    public static bool IsHalfOpen(ConnectionEvent connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Flow?.Protocol is not 6)
        {
            return false;
        }

        if (connection.History is { Length: > 0 } history)
        {
            return history.Contains('S', StringComparison.Ordinal) && !history.Contains('A', StringComparison.Ordinal)
                && !history.Contains('D', StringComparison.Ordinal);
        }

        return connection.State is "S0" or "REJ" or "RSTOS0" or "SH";
    }
}
