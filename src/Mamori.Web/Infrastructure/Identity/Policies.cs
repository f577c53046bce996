using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace Mamori.Web.Infrastructure.Identity;

/// <summary>
/// Authorization policies by role. Each also requires that the user's tenant claims match the role
/// (<see cref="TenantScopeRequirement"/>), so a member account without a company, say, gets nothing.
/// </summary>
public static class Policies
{
    /// <summary>Operator staff: operator, analyst, advisor.</summary>
    public const string Staff = "Staff";

    /// <summary>The operator role only (programme administration).</summary>
    public const string OperatorAdmin = "OperatorAdmin";

    public const string Analyst = "Analyst";

    public const string Advisor = "Advisor";

    public const string Member = "Member";

    public const string Vendor = "Vendor";

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Add(options, Staff, TenantScope.Operator, Roles.Operator, Roles.Analyst, Roles.Advisor);
        Add(options, OperatorAdmin, TenantScope.Operator, Roles.Operator);
        Add(options, Analyst, TenantScope.Operator, Roles.Operator, Roles.Analyst);
        Add(options, Advisor, TenantScope.Operator, Roles.Operator, Roles.Advisor);
        Add(options, Member, TenantScope.Member, Roles.Member);
        Add(options, Vendor, TenantScope.Vendor, Roles.Vendor);
    }

    private static void Add(AuthorizationOptions options, string name, TenantScope scope, params string[] roles) =>
        options.AddPolicy(name, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(roles)
            .AddRequirements(new TenantScopeRequirement(scope)));
}

/// <summary>The signed-in user's claims must resolve to this tenant scope.</summary>
public sealed class TenantScopeRequirement(TenantScope scope) : IAuthorizationRequirement
{
    public TenantScope Scope { get; } = scope;
}

internal sealed class TenantScopeHandler : AuthorizationHandler<TenantScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantScopeRequirement requirement)
    {
        if (TenantContext.FromPrincipal(context.User).Scope == requirement.Scope)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
