using System.Net;
using System.Text.RegularExpressions;
using Mamori.Web.Features.Demo;
using Mamori.Web.Features.Sensors;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.IntegrationTests.Features.Intel;

/// <summary>The retro-hunt page through HTTP: an analyst hunts and raises alerts; bad input is explained; members cannot open it.</summary>
public sealed partial class RetroHuntPageTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Analyst_HuntsPastedIndicators_SeesTheFinding_AndRaisesAnAlert()
    {
        var factory = await fixture.GetAsync();
        var aoba = await factory.CompanyIdAsync("株式会社青葉商事");
        await factory.QueryAsSystemAsync(async db =>
        {
            var sensor = await db.Sensors.FirstAsync(s => s.CompanyId == aoba);
            var seen = TimeProvider.System.GetUtcNow().AddDays(-2);
            db.Set<SensorNameSummary>().Add(new SensorNameSummary
            {
                OperatorId = sensor.OperatorId, CompanyId = aoba, SensorId = sensor.Id, Kind = "dns", Name = "update.retro-page-c2.example",
                ClientIp = "192.168.10.77", FirstSeen = seen, LastSeen = seen.AddMinutes(3), Count = 7,
            });
            return await db.SaveChangesAsync();
        });

        using var client = await ClientAsync(DemoLogins.TohokuAnalyst);
        var form = await client.GetStringAsync(new Uri("/intel/retro-hunt", UriKind.Relative));
        using var response = await client.PostAsync(new Uri("/intel/retro-hunt", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form),
            ["Indicators"] = "retro-page-c2.example\n203.0.113.250\nnot-an-indicator\n",
            ["Category"] = "C2",
            ["Days"] = "400",
            ["RaiseAlerts"] = "true",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("data-testid=\"error\"", body, StringComparison.Ordinal); // 400 days is beyond the 90-day lookback

        form = await client.GetStringAsync(new Uri("/intel/retro-hunt", UriKind.Relative));
        using var hunted = await client.PostAsync(new Uri("/intel/retro-hunt", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form),
            ["Indicators"] = "retro-page-c2.example\n203.0.113.250\nnot-an-indicator\n",
            ["Category"] = "C2",
            ["Days"] = "90",
            ["RaiseAlerts"] = "true",
        }));
        body = await hunted.Content.ReadAsStringAsync();
        Assert.True(hunted.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain("data-testid=\"error\"", body, StringComparison.Ordinal);
        Assert.Contains("update.retro-page-c2.example", body, StringComparison.Ordinal);
        Assert.Contains("192.168.10.77", body, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"rejected\"", body, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(body, "data-testid=\"hit\""));

        var alert = await factory.QueryAsSystemAsync(db => db.SecurityAlerts.SingleAsync(a => a.DstName == "update.retro-page-c2.example"));
        Assert.Equal((aoba, "192.168.10.77", 7L), (alert.CompanyId, alert.SrcIp, alert.Count));
    }

    [Fact]
    public async Task Demo_StoredTraffic_HoldsTheDocumentedFinding()
    {
        var factory = await fixture.GetAsync();
        using var client = await ClientAsync(DemoLogins.TohokuAnalyst);
        var form = await client.GetStringAsync(new Uri("/intel/retro-hunt", UriKind.Relative));
        using var hunted = await client.PostAsync(new Uri("/intel/retro-hunt", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form),
            ["Indicators"] = DemoSeeder.DemoHuntName + "\n" + DemoSeeder.DemoHuntAddress,
            ["Category"] = "MalwareSite",
            ["Days"] = "30",
        }));
        var body = await hunted.Content.ReadAsStringAsync();
        Assert.Equal(2, Regex.Count(body, "data-testid=\"hit\""));
        Assert.Contains("cdn." + DemoSeeder.DemoHuntName, body, StringComparison.Ordinal);
        Assert.Contains(DemoSeeder.DemoHuntAddress + ":443", body, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(body, "株式会社青葉商事</td>"));
        Assert.Equal(0, await factory.QueryAsSystemAsync(db => db.SecurityAlerts.CountAsync(a => a.DstName == "cdn." + DemoSeeder.DemoHuntName)));
    }

    [Fact]
    public async Task EmptyInput_IsExplained_AndMembersCannotOpenThePage()
    {
        using var analyst = await ClientAsync(DemoLogins.TohokuAnalyst);
        var form = await analyst.GetStringAsync(new Uri("/intel/retro-hunt", UriKind.Relative));
        Assert.Contains("data-testid=\"no-runs\"", form, StringComparison.Ordinal);
        using var empty = await analyst.PostAsync(new Uri("/intel/retro-hunt", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form),
            ["Indicators"] = "  ",
            ["Category"] = "C2",
            ["Days"] = "30",
        }));
        Assert.Contains("data-testid=\"error\"", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var member = await ClientAsync(DemoLogins.AobaMember);
        using var denied = await member.GetAsync(new Uri("/intel/retro-hunt", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    private static string Token(string form) => AntiforgeryToken().Match(form).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private async Task<HttpClient> ClientAsync(DemoLogin login)
    {
        var factory = await fixture.GetAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(login.Email, DemoLogins.Password);
        return client;
    }
}
