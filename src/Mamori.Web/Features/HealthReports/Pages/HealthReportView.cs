namespace Mamori.Web.Features.HealthReports.Pages;

/// <summary>What the report partial draws: the stored facts, and the report id when it is stored (for links).</summary>
public sealed record HealthReportView(HealthReportFacts Facts, int? ReportId);
