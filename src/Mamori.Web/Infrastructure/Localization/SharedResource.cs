namespace Mamori.Web.Infrastructure.Localization;

/// <summary>
/// Marker for the one shared resource set (SharedResource.ja.resx, SharedResource.en.resx) that
/// every page reads through <c>IStringLocalizer&lt;SharedResource&gt;</c>.
/// </summary>
public sealed class SharedResource;
