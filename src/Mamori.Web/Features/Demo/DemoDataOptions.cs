namespace Mamori.Web.Features.Demo;

/// <summary>Bound from <c>Mamori:Demo</c>; <c>mamori demo</c> turns it on.</summary>
public sealed class DemoDataOptions
{
    public const string SectionName = "Mamori:Demo";

    /// <summary>Fill an empty database with <see cref="DemoSeeder"/>'s programme at start-up.</summary>
    public bool Enabled { get; set; }
}
