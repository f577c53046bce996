using System.Buffers.Binary;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Inputs;
using Mamori.Sensor.Intel;
using Mamori.Sensor.Pipeline;
using Mamori.Sensor.Shipping;
using Mamori.Web.Data;
using Mamori.Web.Features.Demo;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Ingest;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Mamori.Web.IntegrationTests.Browser.BrowserLogin;

namespace Mamori.Web.IntegrationTests.Browser;

/// <summary>
/// Issue 6's acceptance: a capture of a PC looking up a phishing site is run through the sensor
/// pipeline (as <c>mamori analyze</c> does), shipped through the ingest API for company A, and an
/// analyst turns the alert into an incident and a notice; a member of A sees the notice naming the
/// PC from the inventory and acknowledges it; a member of B sees nothing.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class TriageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string PhishingDomain = "secure-login-aoba-bank.example";

    [BrowserFact]
    public async Task PhishingCapture_AnalystNotifies_MemberAcknowledges_OtherMemberSeesNothing()
    {
        var services = await fixture.ServicesAsync();
        var (aobaId, sensor, pc) = await FindAobaAsync(services);

        // 1. The capture: the PC asks DNS for the phishing site; the pipeline with a phishing feed finds it.
        var capture = Path.Combine(Path.GetTempPath(), "mamori-phish-" + Guid.NewGuid().ToString("N") + ".pcap");
        await File.WriteAllBytesAsync(capture, DnsQueryCapture(pc.IpAddress!, "192.168.0.1", PhishingDomain, new DateTimeOffset(2026, 12, 7, 10, 15, 0, TimeSpan.FromHours(9))));
        List<Alert> alerts;
        try
        {
            var intel = new ThreatIntelStore();
            intel.Replace("test-feed", [new Indicator(IndicatorKind.Domain, PhishingDomain, IntelCategory.Phishing, "test-feed")]);
            var engine = new DetectionEngine(new DetectionOptions(), intel);
            var pipeline = new SensorPipeline(engine);
            var errors = new List<InputError>();
            foreach (var e in pipeline.ReadFile(capture, errors))
            {
                pipeline.OnEvent(e);
            }

            engine.Flush();
            alerts = [.. engine.Alerts.ToList()];
            Assert.Empty(errors);
        }
        finally
        {
            File.Delete(capture);
        }

        var phishing = Assert.Single(alerts, a => a.Type == AlertType.PhishingSite);
        Assert.Equal(pc.IpAddress, phishing.Src.Ip);

        // 2. Shipped as company A's sensor through the ingest API.
        using var http = new HttpClient { BaseAddress = new Uri(await fixture.BaseUrlAsync()) };
        var credential = await EnrollAsync(services, http, sensor);
        var batch = new SensorBatch
        {
            BatchId = Guid.NewGuid(),
            Sequence = 1,
            CreatedAt = phishing.LastSeen,
            AgentVersion = "test",
            Alerts = [new ShippedAlert(Guid.NewGuid(), phishing)],
            Health = new SensorHealth(phishing.FirstSeen, 0, 0, 0, 1, 1),
        };
        using (var request = new HttpRequestMessage(HttpMethod.Post, SensorApi.BatchesPath) { Content = JsonContent.Create(batch, ShippingJsonContext.Default.SensorBatch) })
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credential);
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        // 3. The analyst finds it in the queue and triages it with the keyboard (j, x, i).
        await using var analyst = await fixture.NewContextAsync();
        var page = await analyst.NewPageAsync();
        await LoginAsync(page, DemoLogins.TohokuAnalyst);
        await page.GotoAsync($"/alerts?CompanyId={aobaId}&Type=PhishingSite&State=New");
        var row = page.GetByTestId("alert-row").First;
        Assert.Contains("フィッシングサイトへのアクセス", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(PhishingDomain, await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("j", await page.GetByTestId("keyboard-help").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("body").ClickAsync(new() { Position = new() { X = 1, Y = 1 } });
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("x");
        Assert.True(await row.Locator("input[type=checkbox]").IsCheckedAsync());
        await page.Keyboard.PressAsync("i");
        await page.WaitForURLAsync(new Regex("/incidents/\\d+$"));
        Assert.Contains(pc.Name, await page.GetByTestId("incident-device").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("新規", await page.GetByTestId("incident-state").InnerTextAsync(), StringComparison.Ordinal);

        // 4. Draft, preview, send.
        await page.GetByTestId("draft-notice").ClickAsync();
        await page.WaitForURLAsync(new Regex("/notices/\\d+/edit$"));
        var body = await page.GetByTestId("notice-body").InputValueAsync();
        Assert.Contains(DeviceDisplayName.For(pc), body, StringComparison.Ordinal);
        Assert.Contains("■ 今すぐしていただきたいこと", body, StringComparison.Ordinal);
        Assert.Contains("022-000-1234", body, StringComparison.Ordinal);
        var subject = await page.GetByTestId("notice-subject").InputValueAsync();
        Assert.DoesNotContain(pc.IpAddress!, subject, StringComparison.Ordinal);
        await page.GetByTestId("send-notice").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Contains("通知を送信しました", await page.GetByTestId("message").InnerTextAsync(), StringComparison.Ordinal);
        var noticePath = new Uri(page.Url).AbsolutePath.Replace("/edit", "", StringComparison.Ordinal).Replace("/notices/", "/portal/notices/", StringComparison.Ordinal);

        // 5. A member of company A sees it naming the PC and acknowledges it.
        await using var member = await fixture.NewContextAsync();
        var memberPage = await member.NewPageAsync();
        await LoginAsync(memberPage, DemoLogins.AobaMember);
        await memberPage.GotoAsync("/portal");
        var link = memberPage.Locator($"[data-testid=portal-notice-link][href='{noticePath}']");
        Assert.Equal(1, await link.CountAsync());
        Assert.Equal(subject, (await link.InnerTextAsync()).Trim());
        await link.ClickAsync();
        await memberPage.WaitForURLAsync(new Regex("/portal/notices/\\d+$"));
        Assert.Contains(DeviceDisplayName.For(pc), await memberPage.GetByTestId("notice-body").InnerTextAsync(), StringComparison.Ordinal);
        await memberPage.GetByTestId("ack-button").ClickAsync();
        await memberPage.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Contains("確認済み", await memberPage.GetByTestId("acknowledged").InnerTextAsync(), StringComparison.Ordinal);
        await memberPage.GotoAsync("/portal");
        Assert.Contains(pc.Name, await memberPage.GetByTestId("portal-incidents").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Notified", await memberPage.GetByTestId("portal-incidents").InnerTextAsync(), StringComparison.Ordinal);

        // The analyst's timeline shows the acknowledgement.
        await page.GotoAsync(await IncidentPathAsync(services, subject));
        Assert.Contains("企業が確認", await page.GetByTestId("timeline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("通知済み", await page.GetByTestId("incident-state").InnerTextAsync(), StringComparison.Ordinal);

        // 6. A member of company B sees nothing of it.
        await using var other = await fixture.NewContextAsync();
        var otherPage = await other.NewPageAsync();
        await LoginAsync(otherPage, DemoLogins.MinatoMember);
        await otherPage.GotoAsync("/portal");
        Assert.DoesNotContain(subject, await otherPage.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(PhishingDomain, await otherPage.ContentAsync(), StringComparison.Ordinal);
        var forbidden = await otherPage.GotoAsync(noticePath);
        Assert.Equal(404, forbidden!.Status);
        await otherPage.GotoAsync("/alerts");
        Assert.Equal(0, await otherPage.GetByTestId("alert-queue").CountAsync());
    }

    private static async Task<(int AobaId, Mamori.Web.Features.Sensors.NetworkSensor Sensor, Device Pc)> FindAobaAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var aoba = await db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).SingleAsync();
        var sensor = await db.Sensors.Where(s => s.CompanyId == aoba).OrderBy(s => s.Id).FirstAsync();
        var pc = await db.Devices.Where(d => d.CompanyId == aoba && d.Kind == DeviceKind.Pc && d.IpAddress != null).OrderBy(d => d.Id).FirstAsync();
        return (aoba, sensor, pc);
    }

    private static async Task<string> IncidentPathAsync(IServiceProvider services, string subject)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await db.Notices.Where(n => n.Subject == subject).Select(n => n.IncidentId).SingleAsync();
        return $"/incidents/{id}";
    }

    private static async Task<string> EnrollAsync(IServiceProvider services, HttpClient http, Mamori.Web.Features.Sensors.NetworkSensor sensor)
    {
        var code = SensorSecrets.NewEnrollmentCode();
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Set<Mamori.Web.Features.Sensors.SensorEnrollmentCode>().Add(new Mamori.Web.Features.Sensors.SensorEnrollmentCode
            {
                OperatorId = sensor.OperatorId,
                CompanyId = sensor.CompanyId,
                SensorId = sensor.Id,
                CodeHash = SensorSecrets.HashCode(code),
                CreatedAt = DateTimeOffset.UnixEpoch,
                ExpiresAt = TimeProvider.System.GetUtcNow().AddDays(1),
            });
            await db.SaveChangesAsync();
        }

        using var response = await http.PostAsJsonAsync(SensorApi.EnrollPath, new EnrollRequest(code, "test-sensor", "test"), ShippingJsonContext.Default.EnrollRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(ShippingJsonContext.Default.EnrollResponse))!.Credential;
    }

    /// <summary>A classic pcap with one Ethernet/IPv4/UDP DNS A query from <paramref name="client"/>.</summary>
    private static byte[] DnsQueryCapture(string client, string resolver, string name, DateTimeOffset at)
    {
        var dns = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            dns.Add((byte)label.Length);
            dns.AddRange(Encoding.ASCII.GetBytes(label));
        }

        dns.AddRange(new byte[] { 0, 0, 1, 0, 1 });
        var udp = new byte[8 + dns.Count];
        BinaryPrimitives.WriteUInt16BigEndian(udp, 53_001);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), 53);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        dns.CopyTo(udp, 8);
        var ip = new byte[20 + udp.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = 17;
        System.Net.IPAddress.Parse(client).GetAddressBytes().CopyTo(ip, 12);
        System.Net.IPAddress.Parse(resolver).GetAddressBytes().CopyTo(ip, 16);
        uint sum = 0;
        for (var i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(i));
        }

        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), (ushort)~sum);
        udp.CopyTo(ip, 20);
        var frame = new byte[14 + ip.Length];
        new byte[] { 0x02, 0, 0, 0, 0, 1, 0x02, 0x4d, 0x41, 0, 0, 0x0b, 0x08, 0x00 }.CopyTo(frame, 0);
        ip.CopyTo(frame, 14);

        var pcap = new byte[24 + 16 + frame.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(pcap, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(pcap.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(pcap.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(pcap.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(pcap.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(pcap.AsSpan(24), (uint)at.ToUnixTimeSeconds());
        BinaryPrimitives.WriteUInt32LittleEndian(pcap.AsSpan(28), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(pcap.AsSpan(32), (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(pcap.AsSpan(36), (uint)frame.Length);
        frame.CopyTo(pcap, 40);
        return pcap;
    }
}
