using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Mamori.Web.Tests.TestSupport;

/// <summary>
/// A tiny SMTP server on 127.0.0.1 that accepts every message and keeps it (RFC 5321 just far
/// enough for System.Net.Mail: EHLO, MAIL, RCPT, DATA, QUIT). Optionally refuses DATA to test retries.
/// </summary>
public sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SmtpSink()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>When true, DATA is answered with 451 (temporary failure).</summary>
    public bool Refuse { get; set; }

    public List<ReceivedMail> Messages { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                await ServeAsync(client.GetStream());
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
        await using var writer = new StreamWriter(stream, Encoding.ASCII, 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ESMTP");
        var rcpt = new List<string>();
        string? from = null;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                case "HELO":
                    await writer.WriteLineAsync("250 sink");
                    break;
                case "MAIL":
                    from = line[10..].Trim('<', '>', ' ');
                    rcpt.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    rcpt.Add(line[8..].Trim('<', '>', ' '));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    if (Refuse)
                    {
                        await writer.WriteLineAsync("451 try again later");
                        break;
                    }

                    await writer.WriteLineAsync("354 go ahead");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    lock (Messages)
                    {
                        Messages.Add(ReceivedMail.Parse(from ?? "", [.. rcpt], data.ToString()));
                    }

                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }
}

/// <summary>A received message with its headers decoded (RFC 2047 encoded words, base64 or quoted-printable body).</summary>
public sealed partial record ReceivedMail(string From, IReadOnlyList<string> Recipients, IReadOnlyDictionary<string, string> Headers, string Subject, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";

    public static ReceivedMail Parse(string from, IReadOnlyList<string> recipients, string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = raw[..split];
        var body = raw[(split + 4)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                headers[last] += line.TrimStart();
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            last = line[..colon];
            headers[last] = line[(colon + 1)..].Trim();
        }

        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "");
        var decodedBody = encoding.Equals("base64", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n").Select(l => l.Trim()))))
            : encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase) ? QuotedPrintable(body) : body;
        return new ReceivedMail(from, recipients, headers, DecodeWords(headers.GetValueOrDefault("Subject", "")), decodedBody.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static string DecodeWords(string value)
    {
        // Adjacent encoded words may split one character's bytes: join the bytes, then decode once.
        var matches = EncodedWord().Matches(value);
        if (matches.Count == 0)
        {
            return value;
        }

        var bytes = new List<byte>();
        foreach (Match m in matches)
        {
            bytes.AddRange(m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(m.Groups[3].Value)
                : Encoding.UTF8.GetBytes(QuotedPrintable(m.Groups[3].Value.Replace('_', ' '))));
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string QuotedPrintable(string text)
    {
        text = text.Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
