using System.Text.Json;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Inputs;

/// <summary>
/// Base for readers of one-JSON-object-per-line logs: a broken line becomes an
/// <see cref="InputError"/> naming its line number, and reading goes on.
/// </summary>
public abstract class JsonLinesReader
{
    /// <summary>Reads every event of a stream.</summary>
    public IEnumerable<MetadataEvent> Read(TextReader reader, string source, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                errors.Add(new InputError(source, number, "not valid JSON (" + ex.Message + ")"));
                continue;
            }

            List<MetadataEvent> events = [];
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new InputError(source, number, "expected a JSON object"));
                    continue;
                }

                try
                {
                    var error = Map(document.RootElement, events);
                    if (error is not null)
                    {
                        errors.Add(new InputError(source, number, error));
                    }
                }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException)
                {
                    errors.Add(new InputError(source, number, ex.Message));
                    continue;
                }
            }

            foreach (var e in events)
            {
                yield return e;
            }
        }

        foreach (var e in Finish())
        {
            yield return e;
        }
    }

    /// <summary>Maps one record to zero or more events; returns an error message for a broken record.</summary>
    protected abstract string? Map(JsonElement record, List<MetadataEvent> events);

    /// <summary>Events held back until the end (e.g. DNS queries that never got an answer).</summary>
    protected virtual IEnumerable<MetadataEvent> Finish() => [];
}
