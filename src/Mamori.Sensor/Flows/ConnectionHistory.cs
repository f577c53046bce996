using System.Runtime.CompilerServices;

namespace Mamori.Sensor.Flows;

/// <summary>
/// Zeek's conn.log history string (https://docs.zeek.org/en/master/scripts/base/protocols/conn/main.zeek.html):
/// one letter per event kind, upper case for the originator, lower case for the responder, each
/// recorded the first time it happens in that direction.
/// </summary>
internal struct ConnectionHistory
{
    public const char Syn = 'S';
    public const char SynAck = 'H';
    public const char Ack = 'A';
    public const char Data = 'D';
    public const char Fin = 'F';
    public const char Reset = 'R';
    public const char Retransmission = 'T';
    public const char Gap = 'G';
    public const char ZeroWindow = 'W';
    public const char Inconsistent = 'I';
    public const char MultiFlag = 'Q';
    public const char Flipped = '^';

    private const int Capacity = 32;

    private Letters _letters;
    private ulong _seen;
    private int _length;

    /// <summary>Records <paramref name="letter"/> (given upper case) for a direction, once.</summary>
    public void Add(char letter, bool fromOriginator)
    {
        var bit = 1UL << ((letter - '@') & 31) << (fromOriginator ? 0 : 32);
        if ((_seen & bit) != 0 || _length == Capacity)
        {
            return;
        }

        _seen |= bit;
        _letters[_length++] = fromOriginator || letter == Flipped ? letter : char.ToLowerInvariant(letter);
    }

    public readonly bool IsEmpty => _length == 0;

    public readonly override string ToString()
    {
        ReadOnlySpan<char> letters = _letters;
        return new string(letters[.._length]);
    }

    public void Clear()
    {
        _seen = 0;
        _length = 0;
    }

    [InlineArray(Capacity)]
    private struct Letters
    {
        private char _first;
    }
}
