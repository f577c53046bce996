using System.Globalization;
using System.Text.Json;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Inputs;

/// <summary>
/// Windows process starts — Security event 4688 and Sysmon event 1 — as JSON, in the three
/// shapes operators have: <c>Get-WinEvent | ConvertTo-Json</c> (an array, or one object per
/// line; fields from "Message" or positional "Properties"), Winlogbeat (<c>winlog.event_data</c>)
/// and NXLog <c>to_json()</c> (flat fields). Other event ids are skipped silently.
/// </summary>
public static class WindowsProcessLogReader
{
    // 4688 and Sysmon 1 "Properties" order (Get-WinEvent without Message).
    private static readonly string[] s_security4688 =
    [
        "SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId", "NewProcessId", "NewProcessName",
        "TokenElevationType", "ProcessId", "CommandLine", "TargetUserSid", "TargetUserName", "TargetDomainName",
        "TargetLogonId", "ParentProcessName", "MandatoryLabel",
    ];

    private static readonly string[] s_sysmon1 =
    [
        "RuleName", "UtcTime", "ProcessGuid", "ProcessId", "Image", "FileVersion", "Description", "Product", "Company",
        "OriginalFileName", "CommandLine", "CurrentDirectory", "User", "LogonGuid", "LogonId", "TerminalSessionId",
        "IntegrityLevel", "Hashes", "ParentProcessGuid", "ParentProcessId", "ParentImage", "ParentCommandLine", "ParentUser",
    ];

    // Labels of the rendered 4688 message → event_data names.
    private static readonly Dictionary<string, string> s_messageLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["New Process Name"] = "NewProcessName",
        ["Process Command Line"] = "CommandLine",
        ["Creator Process Name"] = "ParentProcessName",
        ["Account Name"] = "SubjectUserName",
        ["Account Domain"] = "SubjectDomainName",
        ["New Process ID"] = "NewProcessId",
    };

    /// <summary>Reads every process start of a stream (JSON lines or one JSON array).</summary>
    public static IEnumerable<MetadataEvent> Read(TextReader reader, string source, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        var first = reader.Peek();
        while (first is ' ' or '\t' or '\r' or '\n' or 0xFEFF)
        {
            reader.Read();
            first = reader.Peek();
        }

        if (first == '[')
        {
            return ReadArray(reader.ReadToEnd(), source, errors);
        }

        return ReadLines(reader, source, errors);
    }

    /// <summary>Maps one record; null when it is not a process start. Throws <see cref="FormatException"/> when broken.</summary>
    public static ProcessEvent? Map(JsonElement record)
    {
        var winlog = record.Object("winlog");
        var id = record.Long("Id") ?? record.Long("EventID") ?? record.Long("EventId") ?? winlog?.Long("event_id")
            ?? record.Object("event")?.Long("code");
        if (id is null)
        {
            throw new FormatException("no event id (Id, EventID or winlog.event_id)");
        }

        var provider = record.Text("ProviderName") ?? record.Text("SourceName") ?? record.Text("Channel")
            ?? winlog?.Text("provider_name") ?? winlog?.Text("channel") ?? "";
        var isSysmon = id == 1 && provider.Contains("Sysmon", StringComparison.OrdinalIgnoreCase);
        if (id != 4688 && !isSysmon)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (winlog?.Object("event_data") is { } eventData)
        {
            Collect(eventData, fields);
        }
        else
        {
            Collect(record, fields);
            if (record.Text("Message") is { } message)
            {
                ParseMessage(message, isSysmon, fields);
            }

            if (record.TryGetProperty("Properties", out var properties) && properties.ValueKind == JsonValueKind.Array)
            {
                var names = isSysmon ? s_sysmon1 : s_security4688;
                var i = 0;
                foreach (var property in properties.EnumerateArray())
                {
                    if (i < names.Length && property.Text("Value") is { } value)
                    {
                        fields.TryAdd(names[i], value);
                    }

                    i++;
                }
            }
        }

        var time = Time(record, fields) ?? throw new FormatException("no usable time (TimeCreated, @timestamp or EventTime)");
        var image = Field(fields, isSysmon ? "Image" : "NewProcessName") ?? throw new FormatException("process start without an image name");
        var host = record.Text("MachineName") ?? record.Text("Hostname") ?? winlog?.Text("computer_name") ?? record.Object("host")?.Text("name");
        string? user;
        if (isSysmon)
        {
            user = Field(fields, "User");
        }
        else
        {
            var name = Field(fields, "TargetUserName") ?? Field(fields, "SubjectUserName");
            var domain = Field(fields, "TargetUserName") is not null ? Field(fields, "TargetDomainName") : Field(fields, "SubjectDomainName");
            user = name is null ? null : domain is null ? name : domain + "\\" + name;
        }

        var pid = Field(fields, isSysmon ? "ProcessId" : "NewProcessId");
        return new ProcessEvent
        {
            Timestamp = time,
            Host = host,
            User = user,
            Image = image,
            CommandLine = Field(fields, "CommandLine"),
            ParentImage = Field(fields, isSysmon ? "ParentImage" : "ParentProcessName"),
            ParentCommandLine = Field(fields, "ParentCommandLine"),
            ProcessId = ParseId(pid),
            Source = isSysmon ? "sysmon-1" : "security-4688",
        };
    }

    private static IEnumerable<MetadataEvent> ReadLines(TextReader reader, string source, ICollection<InputError> errors)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var process = MapText(line, source, number, errors);
            if (process is not null)
            {
                yield return process;
            }
        }
    }

    private static List<MetadataEvent> ReadArray(string content, string source, ICollection<InputError> errors)
    {
        var events = new List<MetadataEvent>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException ex)
        {
            errors.Add(new InputError(source, (int)(ex.LineNumber ?? 0) + 1, "not valid JSON (" + ex.Message + ")"));
            return events;
        }

        using (document)
        {
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                index++;
                try
                {
                    if (element.ValueKind == JsonValueKind.Object && Map(element) is { } process)
                    {
                        events.Add(process);
                    }
                }
                catch (FormatException ex)
                {
                    errors.Add(new InputError(source, index, ex.Message));
                }
            }
        }

        return events;
    }

    private static ProcessEvent? MapText(string line, string source, int number, ICollection<InputError> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new InputError(source, number, "expected a JSON object"));
                return null;
            }

            return Map(document.RootElement);
        }
        catch (JsonException ex)
        {
            errors.Add(new InputError(source, number, "not valid JSON (" + ex.Message + ")"));
        }
        catch (FormatException ex)
        {
            errors.Add(new InputError(source, number, ex.Message));
        }

        return null;
    }

    private static void Collect(JsonElement obj, Dictionary<string, string> fields)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                fields.TryAdd(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
            }
        }
    }

    private static void ParseMessage(string message, bool sysmon, Dictionary<string, string> fields)
    {
        foreach (var raw in message.Split('\n'))
        {
            var line = raw.Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var label = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (value.Length == 0)
            {
                continue;
            }

            if (sysmon)
            {
                fields.TryAdd(label, value);
            }
            else if (s_messageLabels.TryGetValue(label, out var name))
            {
                // The first "Account Name" is the creator subject; keep the first value of each.
                fields.TryAdd(name, value);
            }
        }
    }

    private static DateTimeOffset? Time(JsonElement record, Dictionary<string, string> fields)
    {
        var text = record.Text("TimeCreated") ?? record.Text("@timestamp") ?? record.Text("EventTime") ?? record.Text("TimeGenerated")
            ?? Field(fields, "UtcTime");
        if (text is null)
        {
            return null;
        }

        // PowerShell 5 serialises dates as "/Date(1700000000000)/".
        if (text.StartsWith("/Date(", StringComparison.Ordinal))
        {
            var end = text.IndexOfAny([')', '+', '-'], 6);
            return long.TryParse(text.AsSpan(6, (end < 0 ? text.Length : end) - 6), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
        }

        return JsonFields.TryTime(text, out var time) ? time : null;
    }

    private static string? Field(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 && value != "-" ? value : null;

    private static long? ParseId(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
