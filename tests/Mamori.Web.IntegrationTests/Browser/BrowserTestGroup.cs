namespace Mamori.Web.IntegrationTests.Browser;

/// <summary>
/// The browser test classes run one after another: each starts a server and a Chromium, and six of
/// them at once beside the lab recordings and the other test assemblies made a 2-core machine miss
/// page-load timeouts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup
{
    public const string Name = "Browser";
}
