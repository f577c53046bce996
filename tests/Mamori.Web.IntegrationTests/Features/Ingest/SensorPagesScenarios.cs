using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Mamori.Sensor.Shipping;
using Mamori.Web.Features.Demo;
using Mamori.Web.Features.Sensors;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.IntegrationTests.Features.Ingest;

/// <summary>
/// The operator's sensor pages and the member's status page over HTTP: the silent warning from the
/// demo data, registering a sensor and enrolling with the code printed on its sheet, settings
/// validation, and who may see what.
/// </summary>
public abstract partial class SensorPagesScenarios(AppFixture fixture)
{
    protected async Task SilentSensorIsFlaggedOnListAndHomeAsync()
    {
        using var staff = await SignedInAsync(DemoLogins.TohokuOperator);
        var list = await staff.GetStringAsync(new Uri("/sensors", UriKind.Relative));
        Assert.Contains("data-testid=\"silent-warning\"", list, StringComparison.Ordinal);
        Assert.Contains("無通信", list, StringComparison.Ordinal);
        Assert.Contains("稼働中", list, StringComparison.Ordinal);
        Assert.DoesNotContain("金沢工芸社", list, StringComparison.Ordinal); // another operator's member

        var silentOnly = await staff.GetStringAsync(new Uri("/sensors?silentOnly=true", UriKind.Relative));
        Assert.DoesNotContain("稼働中", silentOnly, StringComparison.Ordinal);
        Assert.Contains("テレワーク", silentOnly, StringComparison.Ordinal);

        var home = await staff.GetStringAsync(new Uri("/operator", UriKind.Relative));
        Assert.Contains("data-testid=\"silent-sensors\"", home, StringComparison.Ordinal);
    }

    protected async Task RegisteredSensorEnrollsWithTheCodeOnItsSheetAsync()
    {
        var factory = await fixture.GetAsync();
        using var staff = await SignedInAsync(DemoLogins.TohokuOperator);
        var siteId = await factory.QueryAsSystemAsync(db => db.Sites.Where(s => db.Companies.Any(c => c.Id == s.CompanyId && c.Name == "株式会社青葉商事")).Select(s => s.Id).FirstAsync());
        var serial = "TEST-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await PostFormAsync(staff, "/sensors/new", new()
        {
            ["SiteId"] = siteId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Name"] = "本社2階のセンサー",
            ["SerialNumber"] = serial,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var sheetPath = created.Headers.Location!.ToString();
        Assert.EndsWith("/sheet", sheetPath, StringComparison.Ordinal);

        var sheet = await staff.GetStringAsync(new Uri(sheetPath, UriKind.Relative));
        var code = CodeOnSheet().Match(sheet).Groups[1].Value;
        Assert.Matches("^[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5}$", code);
        Assert.Contains($"mamori sensor enroll --server http://localhost --code {code}", sheet, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", sheet, StringComparison.Ordinal);
        Assert.Contains("ミラーポート", sheet, StringComparison.Ordinal); // the office steps
        var hashes = await factory.QueryAsSystemAsync(db => db.Set<SensorEnrollmentCode>().Select(c => c.CodeHash).ToListAsync());
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), string.Join(",", hashes), StringComparison.OrdinalIgnoreCase); // only hashes are stored

        using var sensorClient = factory.CreateClient();
        using var enroll = await sensorClient.EnrollAsync(code);
        Assert.Equal(HttpStatusCode.OK, enroll.StatusCode);
        var enrolled = await enroll.Content.ReadFromJsonAsync(ShippingJsonContext.Default.EnrollResponse);
        Assert.Equal("株式会社青葉商事", enrolled!.CompanyName);

        var detail = await staff.GetStringAsync(new Uri($"/sensors/{enrolled.SensorId}", UriKind.Relative));
        Assert.Contains("sensor-host", detail, StringComparison.Ordinal);

        // Revoke from the detail page: the credential stops working.
        using var revoke = await PostFormAsync(staff, $"/sensors/{enrolled.SensorId}?handler=Revoke", []);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        using var refused = await sensorClient.PostBatchAsync(enrolled.Credential, SensorApiClient.Batch(1));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    protected async Task BadSettingsAreRefusedAndNothingIsLostAsync()
    {
        var factory = await fixture.GetAsync();
        using var staff = await SignedInAsync(DemoLogins.TohokuOperator);
        var before = await factory.QueryAsSystemAsync(db => db.Set<SensorSettings>().CountAsync());

        const string Typo = "{ \"portScan\": { \"distinctPorts\": \"many\" } }";
        using var bad = await PostFormAsync(staff, "/sensors/settings", new()
        {
            ["DetectionJson"] = Typo,
            ["IntelFeedUrls"] = "https://feeds.example.jp/c2.json",
            ["ShipIntervalSeconds"] = "60",
            ["CounterIntervalSeconds"] = "300",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"error\"", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(Typo), page, StringComparison.Ordinal); // what was typed is still there
        Assert.Equal(before, await factory.QueryAsSystemAsync(db => db.Set<SensorSettings>().CountAsync()));

        using var unknownProperty = await PostFormAsync(staff, "/sensors/settings", new()
        {
            ["DetectionJson"] = "{ \"portScann\": {} }",
            ["ShipIntervalSeconds"] = "60",
            ["CounterIntervalSeconds"] = "300",
        });
        Assert.Contains("data-testid=\"error\"", await unknownProperty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var good = await PostFormAsync(staff, "/sensors/settings", new()
        {
            ["DetectionJson"] = "{ \"maxTrackedKeys\": 5000 }",
            ["IntelFeedUrls"] = "https://feeds.example.jp/c2.json",
            ["ShipIntervalSeconds"] = "120",
            ["CounterIntervalSeconds"] = "300",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await factory.QueryAsSystemAsync(db => db.Set<SensorSettings>().SingleAsync(s => s.SensorId == null && db.Operators.Any(o => o.Id == s.OperatorId && o.Name == DemoLogins.TohokuOperator.Organisation)));
        Assert.Equal((120, "https://feeds.example.jp/c2.json"), (saved.ShipIntervalSeconds, saved.IntelFeedUrls));
    }

    protected async Task MembersSeeOnlyTheirOwnSensorsReadOnlyAsync()
    {
        var factory = await fixture.GetAsync();
        using var member = await SignedInAsync(DemoLogins.AobaMember);
        var mine = await member.GetStringAsync(new Uri("/sensors/mine", UriKind.Relative));
        Assert.Contains("data-testid=\"sensor-status\"", mine, StringComparison.Ordinal);
        var aobaSensors = await factory.QueryAsSystemAsync(db => db.Sensors.Where(s => db.Companies.Any(c => c.Id == s.CompanyId && c.Name == "株式会社青葉商事")).Select(s => s.Name).ToListAsync());
        Assert.Equal(RowCount().Count(mine), await factory.QueryAsSystemAsync(db => db.Sensors.CountAsync(s => db.Companies.Any(c => c.Id == s.CompanyId && c.Name == "株式会社青葉商事"))));
        Assert.NotEmpty(aobaSensors);

        var otherId = await factory.QueryAsSystemAsync(db => db.Sensors.Where(s => db.Companies.Any(c => c.Id == s.CompanyId && c.Name == "株式会社八戸みなと水産")).Select(s => s.Id).FirstAsync());
        foreach (var path in new[] { "/sensors", $"/sensors/{otherId}", $"/sensors/{otherId}/sheet", "/sensors/settings" })
        {
            using var response = await member.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }

        using var hokuriku = await SignedInAsync(DemoLogins.HokurikuOperator);
        using var foreign = await hokuriku.GetAsync(new Uri($"/sensors/{otherId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var foreignCode = await PostFormAsync(hokuriku, $"/sensors/{otherId}?handler=Code", [], "/sensors");
        Assert.NotEqual(HttpStatusCode.Redirect, foreignCode.StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(DemoLogin login)
    {
        var factory = await fixture.GetAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(login.Email, DemoLogins.Password);
        return client;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var form = await client.GetStringAsync(new Uri(formPage ?? path.Split('?')[0], UriKind.Relative));
        fields["__RequestVerificationToken"] = Antiforgery().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("data-testid=\"enrollment-code\">([^<]+)<")]
    private static partial Regex CodeOnSheet();

    [GeneratedRegex("data-testid=\"sensor-row\"")]
    private static partial Regex RowCount();
}
