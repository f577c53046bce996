using Mamori.Web.IntegrationTests.TestSupport;
using Mamori.Web.Tests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Account;

public sealed class PostgresLoginTests(PostgresAppFixture fixture)
    : LoginScenarios(fixture), IClassFixture<PostgresAppFixture>
{
    [PostgresFact]
    public Task Login_WrongPassword_ShowsClearMessage() => WrongPasswordShowsMessageAsync();

    [PostgresFact]
    public Task Login_RightPassword_RedirectsToRoleHome() => RightPasswordRedirectsToRoleHomeAsync();

    [PostgresFact]
    public Task Login_FiveFailures_LocksAccount() => FiveFailuresLockTheAccountAsync();
}
