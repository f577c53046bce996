using System.Net;
using System.Text;
using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Demo;
using Mamori.Web.Features.HealthReports;
using Mamori.Web.Features.Notices;
using Mamori.Web.Infrastructure.Documents;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.IntegrationTests.TestSupport;
using Mamori.Web.Tests.Features.HealthReports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mamori.Web.IntegrationTests.Features.HealthReports;

/// <summary>
/// Generation runs through the real app with a stand-in printer (the Razor page is rendered for
/// real; only Chromium is replaced): a crash in the middle is continued without duplicates, one
/// company's failure does not stop the run, and a member sees only its own company's reports.
/// </summary>
public sealed class HealthReportGenerationTests : IAsyncLifetime
{
    private static readonly DateOnly s_month = new(2026, 11, 1);
    private readonly FakePdfRenderer _pdf = new();
    private MamoriAppFactory _base = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _base = await MamoriAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        _factory = _base.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Mamori:HealthReports:Parallelism", "1");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IPdfRenderer>(_pdf);
                // The test drives the runner itself; the job must not race it.
                var worker = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(HealthReportWorker));
                services.Remove(worker);
            });
        });
        using var client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _base.DisposeAsync();
    }

    [Fact]
    public async Task Run_CrashInTheMiddle_NextRunContinuesPendingItemsWithoutDuplicates()
    {
        var (operatorId, companies) = await CreateCompaniesAsync("株式会社再開一号", "株式会社再開二号", "株式会社再開三号");
        var runId = await CreateRunAsync(operatorId, companies);
        var runner = _factory.Services.GetRequiredService<HealthReportRunner>();

        // The server "dies" while printing the second company's report.
        using var crash = new CancellationTokenSource();
        _pdf.OnPrint = count =>
        {
            if (count == 2)
            {
                crash.Cancel();
                crash.Token.ThrowIfCancellationRequested();
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.ProcessPendingAsync(crash.Token));

        var afterCrash = await ItemsAsync(runId);
        Assert.Equal([HealthReportItemState.Done, HealthReportItemState.Pending, HealthReportItemState.Pending], afterCrash.Select(i => i.State).ToList());
        Assert.Equal(1, await CountAsync(db => db.Set<HealthReport>().CountAsync(r => companies.Contains(r.CompanyId))));

        // Restart: the next tick continues the pending items.
        _pdf.OnPrint = null;
        Assert.Equal(2, await runner.ProcessPendingAsync(CancellationToken.None));

        Assert.All(await ItemsAsync(runId), i => Assert.Equal(HealthReportItemState.Done, i.State));
        Assert.NotNull(await CountAsync(db => db.Set<HealthReportRun>().Where(r => r.Id == runId).Select(r => r.FinishedAt).SingleAsync()));
        foreach (var company in companies)
        {
            Assert.Equal(1, await CountAsync(db => db.Set<HealthReport>().CountAsync(r => r.CompanyId == company && r.Month == s_month)));
            Assert.Equal(1, await CountAsync(db => db.Notices.CountAsync(n => n.CompanyId == company && n.Kind == NoticeKind.HealthReport)));
        }

        // Generating the month again replaces the reports and does not notify twice.
        await CreateRunAsync(operatorId, companies);
        Assert.Equal(3, await runner.ProcessPendingAsync(CancellationToken.None));
        Assert.Equal(3, await CountAsync(db => db.Set<HealthReport>().CountAsync(r => companies.Contains(r.CompanyId))));
        Assert.Equal(3, await CountAsync(db => db.Notices.CountAsync(n => companies.Contains(n.CompanyId) && n.Kind == NoticeKind.HealthReport)));
    }

    [Fact]
    public async Task Run_OneCompanyFails_OthersDoneAndTheReasonIsShown()
    {
        var (operatorId, companies) = await CreateCompaniesAsync("株式会社順調商会", "株式会社印刷失敗", "株式会社順調物産");
        var runId = await CreateRunAsync(operatorId, companies);
        _pdf.FailWhenHtmlContains = "株式会社印刷失敗";

        await _factory.Services.GetRequiredService<HealthReportRunner>().ProcessPendingAsync(CancellationToken.None);
        _pdf.FailWhenHtmlContains = null;

        var items = await ItemsAsync(runId);
        Assert.Equal([HealthReportItemState.Done, HealthReportItemState.Failed, HealthReportItemState.Done], items.Select(i => i.State).ToList());
        Assert.Contains("Chromium stand-in refused", items[1].Error, StringComparison.Ordinal);

        // The operator's progress view shows n of N and the failure with its reason.
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(DemoLogins.TohokuOperator.Email, DemoLogins.Password);
        var html = await client.GetStringAsync(new Uri($"/health-reports/runs/{runId}?handler=Progress", UriKind.Relative));
        Assert.Contains("2 / 3", html, StringComparison.Ordinal);
        Assert.Contains("株式会社印刷失敗", html, StringComparison.Ordinal);
        Assert.Contains("Chromium stand-in refused", html, StringComparison.Ordinal);
        Assert.Contains("data-finished=\"1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_SeesAndDownloadsOnlyItsOwnCompanysReports()
    {
        var (operatorId, companies) = await CreateCompaniesAsync("株式会社自社確認", "株式会社他社確認");
        await CreateRunAsync(operatorId, companies);
        await _factory.Services.GetRequiredService<HealthReportRunner>().ProcessPendingAsync(CancellationToken.None);
        var own = await CountAsync(db => db.Set<HealthReport>().Where(r => r.CompanyId == companies[0]).Select(r => r.Id).SingleAsync());
        var other = await CountAsync(db => db.Set<HealthReport>().Where(r => r.CompanyId == companies[1]).Select(r => r.Id).SingleAsync());
        const string email = "member@jisha-kakunin.example";
        await AddMemberAsync(email, operatorId, companies[0]);

        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(email, DemoLogins.Password);

        var list = await client.GetStringAsync(new Uri("/health-reports", UriKind.Relative));
        Assert.Contains($"data-report-id=\"{own}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-report-id=\"{other}\"", list, StringComparison.Ordinal);

        using var mine = await client.GetAsync(new Uri($"/health-reports/{own}?handler=Pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("application/pdf", mine.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await mine.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        using var theirs = await client.GetAsync(new Uri($"/health-reports/{other}?handler=Pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        using var theirPage = await client.GetAsync(new Uri($"/health-reports/{other}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, theirPage.StatusCode);

        // Members cannot start runs or see programme analytics.
        using var generate = await client.GetAsync(new Uri("/health-reports/generate", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, generate.StatusCode);
        using var analytics = await client.GetAsync(new Uri("/analytics", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, analytics.StatusCode);
    }

    [Fact]
    public async Task Analytics_CsvHasBomIndustriesAndCompanies()
    {
        var (_, companies) = await CreateCompaniesAsync("株式会社分析対象");
        await WithDataAsync(companies[0], data =>
        {
            data.AddAlert(AlertType.PortScan, new DateTimeOffset(2026, 11, 3, 9, 0, 0, HealthReportTestData.Japan));
            data.AddAlert(AlertType.UrlScan, new DateTimeOffset(2026, 11, 4, 9, 0, 0, HealthReportTestData.Japan));
            data.AddAlert(AlertType.UrlScan, new DateTimeOffset(2026, 12, 4, 9, 0, 0, HealthReportTestData.Japan)); // outside the period
        });
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(DemoLogins.TohokuOperator.Email, DemoLogins.Password);

        var bytes = await client.GetByteArrayAsync(new Uri("/analytics?handler=Csv&From=2026-11-01&To=2026-11-30", UriKind.Relative));

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("株式会社分析対象", StringComparison.Ordinal) && l.Contains(",12,2,0.17,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("業種別アラート分布,製造業,製造業,", StringComparison.Ordinal));
        var page = await client.GetStringAsync(new Uri("/analytics?From=2026-11-01&To=2026-11-30", UriKind.Relative));
        Assert.Contains("data-analytics", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoReport_PrintedOnFirstDownloadAndKept()
    {
        var demo = await CountAsync(db => db.Set<HealthReport>().Where(r => r.Pdf == null).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(DemoLogins.TohokuOperator.Email, DemoLogins.Password);

        var page = await client.GetStringAsync(new Uri($"/health-reports/{demo}", UriKind.Relative));
        Assert.Contains("data-testid=\"health-report\"", page, StringComparison.Ordinal);
        using var first = await client.GetAsync(new Uri($"/health-reports/{demo}?handler=Pdf", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(await CountAsync(db => db.Set<HealthReport>().Where(r => r.Id == demo).Select(r => r.Pdf).SingleAsync()));
    }

    private async Task<(int OperatorId, List<int> Companies)> CreateCompaniesAsync(params string[] names)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var operatorId = await db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync();
        var ids = new List<int>();
        foreach (var name in names)
        {
            var data = await HealthReportTestData.CreateCompanyAsync(db, operatorId, name);
            data.AddDailyCounters(data.SensorA, 2026, 11, Enumerable.Range(1, 30), traffic: 1_000, security: 2, devices: 8);
            await data.SaveAsync();
            ids.Add(data.CompanyId);
        }

        return (operatorId, ids);
    }

    private async Task WithDataAsync(int companyId, Action<HealthReportTestData> add)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var company = await db.Companies.SingleAsync(c => c.Id == companyId);
        var sensors = await db.Sensors.Where(s => s.CompanyId == companyId).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
        var data = new HealthReportTestData(db, company.OperatorId, companyId, sensors[0], sensors[1]);
        add(data);
        await data.SaveAsync();
    }

    private async Task<int> CreateRunAsync(int operatorId, List<int> companies)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var run = new HealthReportRun { OperatorId = operatorId, Month = s_month, Trigger = HealthReportTrigger.Manual, RequestedBy = "test", CreatedAt = DateTimeOffset.UnixEpoch };
        run.Items.AddRange(companies.Select(c => new HealthReportRunItem { OperatorId = operatorId, CompanyId = c, State = HealthReportItemState.Pending }));
        db.Set<HealthReportRun>().Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private Task<List<HealthReportRunItem>> ItemsAsync(int runId) =>
        CountAsync(db => db.Set<HealthReportRunItem>().AsNoTracking().Where(i => i.RunId == runId).OrderBy(i => i.Id).ToListAsync());

    private async Task<T> CountAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private async Task AddMemberAsync(string email, int operatorId, int companyId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "自社 確認", OperatorId = operatorId, CompanyId = companyId };
        Assert.True((await users.CreateAsync(user, DemoLogins.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Member);
    }

    /// <summary>Stands in for Chromium: checks it got the rendered report and returns a tiny PDF.</summary>
    private sealed class FakePdfRenderer : IPdfRenderer
    {
        private int _count;

        public Action<int>? OnPrint { get; set; }

        public string? FailWhenHtmlContains { get; set; }

        public Task<byte[]> RenderHtmlAsync(string html, PdfPageSettings settings, CancellationToken cancellationToken = default)
        {
            Assert.Contains("data-testid=\"health-report\"", html, StringComparison.Ordinal);
            OnPrint?.Invoke(Interlocked.Increment(ref _count));
            if (FailWhenHtmlContains is { } marker && html.Contains(marker, StringComparison.Ordinal))
            {
                throw new PdfRenderException("Chromium stand-in refused this page.");
            }

            return Task.FromResult("%PDF-1.4 fake"u8.ToArray());
        }

        public Task<byte[]> RenderUrlAsync(Uri url, PdfPageSettings settings, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
