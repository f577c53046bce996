namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// Marker for the monthly report's and programme analytics' strings (HealthReportResource.ja.resx,
/// HealthReportResource.en.resx): plain Japanese for SMEs, English available.
/// </summary>
public sealed class HealthReportResource;
