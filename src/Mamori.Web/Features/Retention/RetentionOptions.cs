using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Retention;

/// <summary>
/// Configuration section <c>Mamori:Retention</c>: how long the append-only data sensors ship is kept
/// (see README.md for the reasons behind each default).
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Mamori:Retention";

    /// <summary>Retro-hunts look back at most this far, so name and flow summaries must outlive it.</summary>
    public const int RetroHuntDays = 90;

    /// <summary>Below this a batch whose acknowledgement was lost could be stored twice when the sensor resends it.</summary>
    public const int MinimumBatchRecordDays = 7;

    /// <summary>Sensor heartbeats (the health history on the sensor page).</summary>
    public int HeartbeatDays { get; set; } = 30;

    /// <summary>Stored-batch records, the key that makes a resent batch a no-op.</summary>
    public int BatchRecordDays { get; set; } = 60;

    /// <summary>Name and flow summaries (retro-hunt input), by their last-seen time.</summary>
    public int SummaryDays { get; set; } = 180;

    /// <summary>Device observations the inventory has already processed, by the time they were received.</summary>
    public int ObservationDays { get; set; } = 90;

    /// <summary>Rows removed per DELETE statement, so a large backlog never becomes one huge transaction.</summary>
    public int ChunkSize { get; set; } = 5_000;

    /// <summary>Wait after start-up before the first round.</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time between rounds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Set false to stop the background worker (the handler can still be called).</summary>
    public bool WorkerEnabled { get; set; } = true;
}

/// <summary>Checks <see cref="RetentionOptions"/> at start-up, naming the key and the reason in each error.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Positive(nameof(RetentionOptions.HeartbeatDays), options.HeartbeatDays);
        Positive(nameof(RetentionOptions.ObservationDays), options.ObservationDays);
        if (options.BatchRecordDays < RetentionOptions.MinimumBatchRecordDays)
        {
            errors.Add(Key(nameof(RetentionOptions.BatchRecordDays)) + $" must be at least {RetentionOptions.MinimumBatchRecordDays} days (was {options.BatchRecordDays}): a sensor resends a batch whose acknowledgement was lost, and without its record the batch would be stored twice.");
        }

        if (options.SummaryDays < RetentionOptions.RetroHuntDays)
        {
            errors.Add(Key(nameof(RetentionOptions.SummaryDays)) + $" must be at least {RetentionOptions.RetroHuntDays} days (was {options.SummaryDays}): retro-hunts look back up to {RetentionOptions.RetroHuntDays} days.");
        }

        if (options.ChunkSize is < 100 or > 10_000)
        {
            errors.Add(Key(nameof(RetentionOptions.ChunkSize)) + $" must be between 100 and 10000 rows (was {options.ChunkSize}).");
        }

        if (options.FirstRunDelay < TimeSpan.Zero)
        {
            errors.Add(Key(nameof(RetentionOptions.FirstRunDelay)) + " must not be negative.");
        }

        if (options.Interval < TimeSpan.FromMinutes(1))
        {
            errors.Add(Key(nameof(RetentionOptions.Interval)) + $" must be at least one minute (was {options.Interval}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Positive(string key, int days)
        {
            if (days <= 0)
            {
                errors.Add(Key(key) + $" must be a positive number of days (was {days}).");
            }
        }
    }

    private static string Key(string property) => RetentionOptions.SectionName + ":" + property;
}
