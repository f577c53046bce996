using System.Text.Json;
using System.Text.Json.Serialization;
using Mamori.Sensor.Detection;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Notices;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// Everything one monthly report shows, fixed at generation time and stored as JSON with the
/// report, so the web view, the PDF and a later download say the same thing even after
/// incidents move on.
/// </summary>
public sealed record HealthReportFacts
{
    public int CompanyId { get; init; }

    public required string CompanyName { get; init; }

    public Industry Industry { get; init; }

    /// <summary>The first day of the month reported on.</summary>
    public DateOnly Month { get; init; }

    public HealthGrade Grade { get; init; }

    public IReadOnlyList<HealthGradeReason> Reasons { get; init; } = [];

    /// <summary>The grading input (monitored days, incidents at month end, undesirable findings).</summary>
    public required MonthFacts Grading { get; init; }

    /// <summary>分析対象PC数: devices the sensors saw (PCs, servers, routers), the busiest interval of each sensor added up.</summary>
    public int DevicesAnalysed { get; init; }

    /// <summary>検出セキュリティイベント数 from the sensors' counters.</summary>
    public long SecurityEvents { get; init; }

    /// <summary>検出トラフィックイベント数 from the sensors' counters.</summary>
    public long TrafficEvents { get; init; }

    /// <summary>脅威状況: findings of the three attack items that analysts did not dismiss.</summary>
    public int Threats { get; init; }

    /// <summary>セキュリティ的に好ましくない運用: findings of the three undesirable-operation items.</summary>
    public int UndesirableOperations { get; init; }

    /// <summary>One line per <see cref="HealthReportItem"/>, in report order.</summary>
    public IReadOnlyList<HealthReportItemFinding> Items { get; init; } = [];

    public IReadOnlyList<HealthReportIncident> Incidents { get; init; } = [];

    public IReadOnlyList<HealthReportNotice> Notices { get; init; } = [];

    /// <summary>Up to the five previous months that have a report, oldest first, then this month.</summary>
    public IReadOnlyList<HealthReportHistoryPoint> History { get; init; } = [];

    public HealthReportItemFinding Item(HealthReportItem item) =>
        Items.FirstOrDefault(i => i.Item == item) ?? new HealthReportItemFinding(item, 0);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static HealthReportFacts FromJson(string json) =>
        JsonSerializer.Deserialize<HealthReportFacts>(json, s_json) ?? throw new JsonException("Empty health report facts.");
}

/// <summary>One 検出状況 line: how many findings (alerts, each possibly repeated) fell under the item; 0 = 不検出.</summary>
public sealed record HealthReportItemFinding(HealthReportItem Item, int Count)
{
    public bool Detected => Count > 0;
}

/// <summary>An incident of the month as it stood at month end (resolved only when closed before the month ended).</summary>
public sealed record HealthReportIncident(int Id, string Title, AlertSeverity Severity, IncidentState StateAtMonthEnd, DateTimeOffset OpenedAt, HealthReportItem Item);

public sealed record HealthReportNotice(int Id, string Subject, NoticeKind Kind, AlertSeverity Severity, DateTimeOffset CreatedAt, bool Acknowledged);

public sealed record HealthReportHistoryPoint(DateOnly Month, HealthGrade Grade, int Threats, int UndesirableOperations, long SecurityEvents);
