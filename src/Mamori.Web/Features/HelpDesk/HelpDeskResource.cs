namespace Mamori.Web.Features.HelpDesk;

/// <summary>
/// Marker for the help desk, dispatch and insurance pages' strings (HelpDeskResource.ja.resx,
/// HelpDeskResource.en.resx), kept apart from SharedResource so features merge cleanly.
/// </summary>
public sealed class HelpDeskResource;
