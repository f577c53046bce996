namespace Mamori.Sensor.Protocols.Dns;

/// <summary>Offsets and limits of the DNS message format (RFC 1035 §4.1).</summary>
internal static class DnsLayout
{
    public const int HeaderLength = 12;
    public const int IdOffset = 0;
    public const int FlagsOffset = 2;
    public const int QuestionCountOffset = 4;
    public const int AnswerCountOffset = 6;
    public const int AuthorityCountOffset = 8;
    public const int AdditionalCountOffset = 10;

    /// <summary>Longest name in presentation form (RFC 1035 §2.3.4 allows 255 octets on the wire).</summary>
    public const int MaxNameLength = 255 * 4;

    /// <summary>Compression pointers followed before a name is declared a loop.</summary>
    public const int MaxPointerHops = 32;

    /// <summary>Answers kept per response; the rest are counted, not listed.</summary>
    public const int MaxAnswers = 32;

    public const ushort ResponseFlag = 0x8000;
}
