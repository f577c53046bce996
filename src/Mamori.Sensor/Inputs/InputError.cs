using System.Globalization;

namespace Mamori.Sensor.Inputs;

/// <summary>A record that could not be read; reading goes on with the next one.</summary>
/// <param name="Source">File (or stream) name.</param>
/// <param name="Line">1-based line number (for a JSON array, the element number).</param>
/// <param name="Message">What was wrong.</param>
public sealed record InputError(string Source, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}: {Message}");
}
