namespace Mamori.Web.Features.Sensors;

/// <summary>Marker for the sensor pages' strings (SensorsResource.ja.resx, SensorsResource.en.resx).</summary>
public sealed class SensorsResource;
