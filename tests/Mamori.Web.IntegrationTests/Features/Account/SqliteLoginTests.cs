using Mamori.Web.IntegrationTests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Account;

public sealed class SqliteLoginTests(SqliteAppFixture fixture)
    : LoginScenarios(fixture), IClassFixture<SqliteAppFixture>
{
    [Fact]
    public Task Login_WrongPassword_ShowsClearMessage() => WrongPasswordShowsMessageAsync();

    [Fact]
    public Task Login_RightPassword_RedirectsToRoleHome() => RightPasswordRedirectsToRoleHomeAsync();

    [Fact]
    public Task Login_FiveFailures_LocksAccount() => FiveFailuresLockTheAccountAsync();
}
