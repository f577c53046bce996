using Mamori.Sensor.Events;

namespace Mamori.Sensor.Protocols.Common;

/// <summary>Builds <see cref="LoginEvent"/>s the same way for every login protocol.</summary>
internal static class Logins
{
    public static void Report(in ParserContext context, LoginProtocol protocol, string? user, LoginResult result, bool plaintextPassword, string? status)
    {
        context.Sink.OnEvent(new LoginEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            Protocol = protocol,
            User = user,
            Result = result,
            PlaintextPassword = plaintextPassword,
            Status = status,
        });
    }

    /// <summary>Reads a three-digit reply code ("230 ", "530-"); final is false for continuation lines.</summary>
    public static bool TryReadReplyCode(ReadOnlySpan<byte> line, out int code, out bool final)
    {
        code = 0;
        final = false;
        if (line.Length < 3 || !char.IsAsciiDigit((char)line[0]) || !char.IsAsciiDigit((char)line[1]) || !char.IsAsciiDigit((char)line[2]))
        {
            return false;
        }

        if (line.Length > 3 && line[3] is not (byte)' ' and not (byte)'-')
        {
            return false;
        }

        code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
        final = line.Length == 3 || line[3] == (byte)' ';
        return true;
    }

    public static string CodeText(int code) => code.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
