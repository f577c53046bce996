using Mamori.Sensor.Events;

namespace Mamori.Sensor.Protocols;

/// <summary>
/// Stands in for a parser on a port with no well-known protocol: the first bytes seen decide
/// (an HTTP request method or a TLS handshake record from the client, an SSH banner from either
/// side); when they match nothing the flow is ignored from then on.
/// </summary>
internal sealed class SniffingStreamParser : IStreamParser
{
    private IStreamParser? _inner;
    private bool _decided;

    /// <summary>The parser the content pointed to, if any.</summary>
    internal IStreamParser? Inner => _inner;

    public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data)
    {
        if (!_decided)
        {
            _decided = true;
            _inner = Sniff(direction, data);
        }

        _inner?.OnData(context, direction, data);
    }

    public void OnGap(in ParserContext context, FlowDirection direction, int length)
    {
        _decided = true;
        _inner?.OnGap(context, direction, length);
    }

    public void OnClose(in ParserContext context) => _inner?.OnClose(context);

    internal static IStreamParser? Sniff(FlowDirection direction, ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("SSH-"u8))
        {
            return new Ssh.SshParser();
        }

        if (direction != FlowDirection.ToResponder)
        {
            return null;
        }

        if (data.Length >= 3 && data[0] == 0x16 && data[1] == 0x03 && data[2] <= 0x04)
        {
            return new Tls.TlsParser();
        }

        return Http.HttpParser.LooksLikeRequest(data) ? new Http.HttpParser() : null;
    }
}
