using System.Net;
using Mamori.Web.Features.Demo;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.IntegrationTests.Features.Account;

/// <summary>Sign-in through the login form, run on each provider (Identity's stores included).</summary>
public abstract class LoginScenarios(AppFixture fixture)
{
    protected async Task WrongPasswordShowsMessageAsync()
    {
        using var client = await ClientAsync();
        using var response = await client.PostLoginAsync(DemoLogins.TohokuAdvisor.Email, "wrong-password-0");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("メールアドレスまたはパスワードが違います", html, StringComparison.Ordinal);
    }

    protected async Task RightPasswordRedirectsToRoleHomeAsync()
    {
        using var client = await ClientAsync();
        using var login = await client.PostLoginAsync(DemoLogins.TohokuAnalyst.Email, DemoLogins.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("/analyst", home.Headers.Location?.OriginalString);
    }

    protected async Task FiveFailuresLockTheAccountAsync()
    {
        var email = $"lock-{Guid.NewGuid():N}@aoba-shoji.example";
        await CreateMemberAsync(email);
        using var client = await ClientAsync();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var failed = await client.PostLoginAsync(email, "wrong-password-" + attempt);
            var html = await failed.Content.ReadAsStringAsync();
            var expected = attempt < 5 ? "パスワードが違います" : "ロックされています";
            Assert.True(html.Contains(expected, StringComparison.Ordinal), $"attempt {attempt} did not say {expected}");
        }

        using var locked = await client.PostLoginAsync(email, DemoLogins.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("ロックされています", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientAsync()
    {
        var factory = await fixture.GetAsync();
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    private async Task CreateMemberAsync(string email)
    {
        var factory = await fixture.GetAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var template = await users.FindByEmailAsync(DemoLogins.AobaMember.Email) ?? throw new InvalidOperationException("demo member missing");
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "試験", OperatorId = template.OperatorId, CompanyId = template.CompanyId };
        Assert.True((await users.CreateAsync(user, DemoLogins.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Member);
    }
}
