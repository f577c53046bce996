using Mamori.Web.Data;
using Mamori.Web.Features.Diagnosis.Storage;
using Mamori.Web.Features.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Diagnosis;

public sealed record RecordSecurityActionDeclarationRequest(int CompanyId, SecurityActionStars Stars, string? DeclarationId, DateOnly? DeclaredOn, string? PolicyUrl);

/// <summary>
/// Records a declaration the company made on IPA's site. Mamori does not declare anything: it
/// keeps the ID and date so the operator sees who has declared.
/// </summary>
public sealed class RecordSecurityActionDeclarationHandler(AppDbContext db, TimeProvider clock)
{
    /// <returns>The problems (nothing stored), or empty when recorded; null when the company is not visible.</returns>
    public async Task<IReadOnlyList<LocalizedText>?> HandleAsync(RecordSecurityActionDeclarationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var company = await db.Companies.Where(c => c.Id == request.CompanyId).Select(c => new { c.Id, c.OperatorId }).SingleOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return null;
        }

        var problems = SecurityActionDeclaration.Validate(request.Stars, request.DeclarationId).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime);
        if (request.DeclaredOn is not DateOnly declaredOn)
        {
            problems.Add(new("宣言した日を入れてください。", "Enter the date of the declaration."));
        }
        else if (declaredOn > today)
        {
            problems.Add(new("宣言した日に未来の日付は入れられません。", "The declaration date cannot be in the future."));
        }

        var url = string.IsNullOrWhiteSpace(request.PolicyUrl) ? null : request.PolicyUrl.Trim();
        if (url is not null && (url.Length > 500 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add(new("基本方針のURLは https:// で始まる形で入れてください(500文字まで)。", "Enter the policy URL starting with https:// (up to 500 characters)."));
        }

        if (request.Stars == SecurityActionStars.Two && url is null)
        {
            problems.Add(new("二つ星の宣言には、公開している基本方針のURLが必要です。", "A two-star declaration needs the URL of the published basic policy."));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        db.SecurityActionRecords.Add(new SecurityActionRecord
        {
            OperatorId = company.OperatorId,
            CompanyId = company.Id,
            Stars = request.Stars,
            DeclarationId = request.DeclarationId!.Trim(),
            DeclaredOn = request.DeclaredOn!.Value,
            PolicyUrl = url,
            RecordedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }
}
