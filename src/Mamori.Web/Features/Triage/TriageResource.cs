namespace Mamori.Web.Features.Triage;

/// <summary>Marker for the triage, incident, notice and member-portal strings (TriageResource.ja.resx, TriageResource.en.resx).</summary>
public sealed class TriageResource;
