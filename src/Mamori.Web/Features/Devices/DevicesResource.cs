namespace Mamori.Web.Features.Devices;

/// <summary>Marker for the inventory pages' strings (DevicesResource.ja.resx, DevicesResource.en.resx).</summary>
public sealed class DevicesResource;
