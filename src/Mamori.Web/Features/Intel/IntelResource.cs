namespace Mamori.Web.Features.Intel;

/// <summary>Marker for the retro-hunt page's strings (IntelResource.ja.resx, IntelResource.en.resx).</summary>
public sealed class IntelResource;
