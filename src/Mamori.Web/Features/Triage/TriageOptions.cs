using System.ComponentModel.DataAnnotations;

namespace Mamori.Web.Features.Triage;

/// <summary>Alert grouping, escalation and the workers' pace (<c>Mamori:Triage:*</c>).</summary>
public sealed class TriageOptions
{
    public const string SectionName = "Mamori:Triage";

    /// <summary>Alerts of the same company, type and device join an open incident whose last alert is at most this old.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan GroupingWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A sent high-severity notice not acknowledged within this time is escalated to the operator.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan EscalateHighAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often the triage and notice workers run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WorkerInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the background workers run (tests call the handlers directly).</summary>
    public bool RunWorkers { get; set; } = true;

    /// <summary>Queue page size.</summary>
    [Range(10, 500)]
    public int PageSize { get; set; } = 50;
}

/// <summary>Outgoing e-mail (<c>Mamori:Mail:*</c>). No host: notices are published in the portal only and mail stays queued.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mamori:Mail";

    /// <summary>SMTP server; empty switches e-mail off.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>Sender address, e.g. noreply@tohoku-cyber.example.</summary>
    public string From { get; set; } = "noreply@mamori.example";

    /// <summary>STARTTLS.</summary>
    public bool EnableTls { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>After this many failed attempts the notice stays Failed until an analyst resends it.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; doubled for each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1000, 600000)]
    public int TimeoutMilliseconds { get; set; } = 30000;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
