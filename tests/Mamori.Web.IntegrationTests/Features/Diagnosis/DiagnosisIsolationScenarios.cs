using System.Net;
using System.Text.RegularExpressions;
using Mamori.Web.Features.Demo;
using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Questionnaires;
using Mamori.Web.IntegrationTests.TestSupport;
using Mamori.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.IntegrationTests.Features.Diagnosis;

/// <summary>
/// Tenant isolation of the diagnosis pages over HTTP, on SQLite and PostgreSQL: a member sees only
/// its own diagnoses, another operator none, and the print view needs its signed token.
/// </summary>
public abstract class DiagnosisIsolationScenarios(AppFixture fixture)
{
    private const string Aoba = "株式会社青葉商事";
    private const string Minato = "株式会社八戸みなと水産";

    protected async Task Result_OwnMember_ShowsOwnDiagnosisAsync()
    {
        var own = await LatestDiagnosisAsync(Aoba);
        using var client = await SignedInAsync(DemoLogins.AobaMember);
        var html = await client.GetStringAsync(new Uri($"/diagnosis/{own}", UriKind.Relative));
        Assert.Contains(Aoba, html, StringComparison.Ordinal);
        Assert.Contains("同じ業種の平均", html, StringComparison.Ordinal);
    }

    protected async Task ResultAndFill_MemberOfOtherCompany_NotFoundAsync()
    {
        var other = await LatestDiagnosisAsync(Minato);
        using var client = await SignedInAsync(DemoLogins.AobaMember);
        foreach (var path in new[] { $"/diagnosis/{other}", $"/diagnosis/{other}/fill", $"/diagnosis/{other}?handler=pdf" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(Minato, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    protected async Task Result_OtherOperator_NotFoundAndNotListedAsync()
    {
        var tohoku = await LatestDiagnosisAsync(Aoba);
        using var client = await SignedInAsync(DemoLogins.HokurikuOperator);
        using var response = await client.GetAsync(new Uri($"/diagnosis/{tohoku}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var standing = await client.GetStringAsync(new Uri("/diagnosis/security-action", UriKind.Relative));
        Assert.DoesNotContain(Aoba, standing, StringComparison.Ordinal);
        Assert.Contains("株式会社金沢工芸社", standing, StringComparison.Ordinal);
    }

    protected async Task Print_WithoutOrWithForgedToken_NotFoundAsync()
    {
        var own = await LatestDiagnosisAsync(Aoba);
        var factory = await fixture.GetAsync();
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { $"/diagnosis/{own}/print", $"/diagnosis/{own}/print?token=forged" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(Aoba, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    protected async Task StandingPage_Member_ForbiddenAsync()
    {
        using var client = await SignedInAsync(DemoLogins.AobaMember);
        using var response = await client.GetAsync(new Uri("/diagnosis/security-action", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    protected async Task Fill_LettersInNumberField_MessageAndNothingStoredAsync()
    {
        using var client = await SignedInAsync(DemoLogins.MinatoMember);
        var start = await client.GetStringAsync(new Uri("/diagnosis/company", UriKind.Relative));
        using var started = await client.PostAsync(new Uri("/diagnosis/company", UriKind.Relative), Form(start, []));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var fill = started.Headers.Location!.OriginalString;
        var id = int.Parse(Regex.Match(fill, @"/diagnosis/(\d+)/fill").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var questionnaire = DiagnosisContentCatalog.LoadEmbedded().Latest.Questionnaire;
        var section = questionnaire.Sections.Select((x, i) => (x, i)).First(x => x.x.Questions.Any(q => q.Kind == QuestionKind.Number));
        var number = section.x.Questions.First(q => q.Kind == QuestionKind.Number);
        var path = $"/diagnosis/{id}/fill?section={section.i}";
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), Form(page, new() { ["q." + number.Id] = "abc", ["action"] = "stay" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("数字で入れてください", html, StringComparison.Ordinal);
        Assert.Contains("何も保存していません", html, StringComparison.Ordinal);
        var factory = await fixture.GetAsync();
        Assert.Equal("{}", await factory.QueryAsSystemAsync(db => db.DiagnosisRecords.Where(d => d.Id == id).Select(d => d.AnswersJson).SingleAsync()));
    }

    private static FormUrlEncodedContent Form(string html, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return new FormUrlEncodedContent(fields);
    }

    private async Task<int> LatestDiagnosisAsync(string company)
    {
        var factory = await fixture.GetAsync();
        var id = await factory.CompanyIdAsync(company);
        return await factory.QueryAsSystemAsync(db => db.DiagnosisRecords.Where(d => d.CompanyId == id).OrderByDescending(d => d.Id).Select(d => d.Id).FirstAsync());
    }

    private async Task<HttpClient> SignedInAsync(DemoLogin login)
    {
        var factory = await fixture.GetAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(login.Email, DemoLogins.Password);
        return client;
    }
}

public sealed class SqliteDiagnosisIsolationTests(SqliteAppFixture fixture)
    : DiagnosisIsolationScenarios(fixture), IClassFixture<SqliteAppFixture>
{
    [Fact]
    public Task Fill_LettersInNumberField_MessageAndNothingStored() => Fill_LettersInNumberField_MessageAndNothingStoredAsync();

    [Fact]
    public Task Result_OwnMember_ShowsOwnDiagnosis() => Result_OwnMember_ShowsOwnDiagnosisAsync();

    [Fact]
    public Task ResultAndFill_MemberOfOtherCompany_NotFound() => ResultAndFill_MemberOfOtherCompany_NotFoundAsync();

    [Fact]
    public Task Result_OtherOperator_NotFoundAndNotListed() => Result_OtherOperator_NotFoundAndNotListedAsync();

    [Fact]
    public Task Print_WithoutOrWithForgedToken_NotFound() => Print_WithoutOrWithForgedToken_NotFoundAsync();

    [Fact]
    public Task StandingPage_Member_Forbidden() => StandingPage_Member_ForbiddenAsync();
}

public sealed class PostgresDiagnosisIsolationTests(PostgresAppFixture fixture)
    : DiagnosisIsolationScenarios(fixture), IClassFixture<PostgresAppFixture>
{
    [PostgresFact]
    public Task Fill_LettersInNumberField_MessageAndNothingStored() => Fill_LettersInNumberField_MessageAndNothingStoredAsync();

    [PostgresFact]
    public Task Result_OwnMember_ShowsOwnDiagnosis() => Result_OwnMember_ShowsOwnDiagnosisAsync();

    [PostgresFact]
    public Task ResultAndFill_MemberOfOtherCompany_NotFound() => ResultAndFill_MemberOfOtherCompany_NotFoundAsync();

    [PostgresFact]
    public Task Result_OtherOperator_NotFoundAndNotListed() => Result_OtherOperator_NotFoundAndNotListedAsync();

    [PostgresFact]
    public Task Print_WithoutOrWithForgedToken_NotFound() => Print_WithoutOrWithForgedToken_NotFoundAsync();

    [PostgresFact]
    public Task StandingPage_Member_Forbidden() => StandingPage_Member_ForbiddenAsync();
}
