using System.Collections.Frozen;
using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Devices;

/// <summary>
/// Maker names from the IEEE MAC address registry (MA-L, the first 24 bits of a MAC), read from
/// Debian's <c>ieee-data</c> package (<c>/usr/share/ieee-data/oui.csv</c>) the first time a vendor
/// is asked for, and kept as a frozen dictionary of about 36,000 entries (a few MB).
/// When the file is missing, every vendor is unknown and one log line says why.
/// </summary>
public sealed partial class OuiRegistry(IOptions<DeviceInventoryOptions> options, ILogger<OuiRegistry> logger)
{
    private readonly Lazy<FrozenDictionary<int, string>> _table = new(() => Load(options.Value.OuiFile, logger));

    /// <summary>How many prefixes were loaded (0 when the registry file is missing).</summary>
    public int Count => _table.Value.Count;

    /// <summary>The maker of the MAC's prefix, or null when unknown, malformed or randomised.</summary>
    public string? Lookup(string? mac)
    {
        if (!MacAddress.TryParse(mac, out var value) || MacAddress.IsLocallyAdministered(value))
        {
            return null;
        }

        return _table.Value.TryGetValue((int)(value >> 24), out var vendor) ? vendor : null;
    }

    /// <summary>Reads an IEEE registry CSV (Registry,Assignment,Organization Name,Organization Address).</summary>
    public static FrozenDictionary<int, string> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var table = new Dictionary<int, string>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
        };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        while (csv.Read())
        {
            if (csv.FieldCount < 3)
            {
                continue;
            }

            var registry = csv.GetString(0);
            var assignment = csv.GetString(1);
            var name = csv.GetString(2)?.Trim();
            if (registry != "MA-L" || assignment is not { Length: 6 } || string.IsNullOrEmpty(name)
                || !int.TryParse(assignment, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var prefix))
            {
                continue;
            }

            // Many prefixes share one maker: keep one string per name.
            if (!names.TryGetValue(name, out var shared))
            {
                names[name] = shared = name;
            }

            table[prefix] = shared;
        }

        return table.ToFrozenDictionary();
    }

    private static FrozenDictionary<int, string> Load(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            LogMissing(logger, path);
            return FrozenDictionary<int, string>.Empty;
        }

        using var reader = new StreamReader(path);
        var table = Parse(reader);
        LogLoaded(logger, table.Count, path);
        return table;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MAC vendor registry {Path} not found (Debian package ieee-data): device vendors stay unknown")]
    private static partial void LogMissing(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "MAC vendor registry: {Count} prefixes from {Path}")]
    private static partial void LogLoaded(ILogger logger, int count, string path);
}

/// <summary>MAC address parsing and the bits that matter for an inventory.</summary>
public static class MacAddress
{
    /// <summary>Reads aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF or aabb.ccdd.eeff into the low 48 bits.</summary>
    public static bool TryParse(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var digits = 0;
        foreach (var c in text.Trim())
        {
            if (c is ':' or '-' or '.')
            {
                continue;
            }

            var nibble = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0 || ++digits > 12)
            {
                return false;
            }

            value = (value << 4) | (long)nibble;
        }

        return digits == 12;
    }

    /// <summary>The canonical form stored in the database: lower-case, colon separated; null when malformed.</summary>
    public static string? Normalize(string? text) =>
        TryParse(text, out var value)
            ? string.Join(':', Enumerable.Range(0, 6).Select(i => ((value >> (8 * (5 - i))) & 0xff).ToString("x2", CultureInfo.InvariantCulture)))
            : null;

    /// <summary>
    /// The locally administered bit (second-lowest bit of the first octet): set by phones and PCs that
    /// randomise their MAC per network (private Wi-Fi address), so it names no maker and may change.
    /// </summary>
    public static bool IsLocallyAdministered(long value) => ((value >> 40) & 0x02) != 0;

    public static bool IsLocallyAdministered(string? text) => TryParse(text, out var value) && IsLocallyAdministered(value);
}
