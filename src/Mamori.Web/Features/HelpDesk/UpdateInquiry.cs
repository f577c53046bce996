using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.HelpDesk;

/// <summary>Staff change an inquiry's status, category, assignee or links (company, site, device, incident).</summary>
public sealed record UpdateInquiryRequest(
    int InquiryId,
    InquiryStatus Status,
    InquiryCategory Category,
    string? AssigneeName,
    int? CompanyId,
    int? SiteId,
    int? DeviceId,
    int? IncidentId);

public sealed class UpdateInquiryHandler(AppDbContext db, TimeProvider time)
{
    public async Task<HandlerResult<int>> HandleAsync(UpdateInquiryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inquiry = await db.Inquiries.Include(i => i.Replies).SingleOrDefaultAsync(i => i.Id == request.InquiryId, cancellationToken);
        if (inquiry is null)
        {
            return HandlerResult.Fail<int>("Inquiry.NotFound");
        }

        if (request.CompanyId is { } companyId && !await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return HandlerResult.Fail<int>("Inquiry.UnknownCompany");
        }

        if (request.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId && s.CompanyId == request.CompanyId, cancellationToken))
        {
            return HandlerResult.Fail<int>("Inquiry.UnknownSite");
        }

        if (request.DeviceId is { } deviceId && !await db.Devices.AnyAsync(d => d.Id == deviceId && d.CompanyId == request.CompanyId, cancellationToken))
        {
            return HandlerResult.Fail<int>("Inquiry.UnknownDevice");
        }

        inquiry.Category = request.Category;
        inquiry.AssigneeName = string.IsNullOrWhiteSpace(request.AssigneeName) ? null : request.AssigneeName.Trim();
        inquiry.CompanyId = request.CompanyId;
        inquiry.SiteId = request.SiteId;
        inquiry.DeviceId = request.DeviceId;
        inquiry.IncidentId = request.IncidentId;
        foreach (var reply in inquiry.Replies)
        {
            reply.CompanyId = request.CompanyId;
        }

        if (request.Status != inquiry.Status)
        {
            inquiry.Status = request.Status;
            inquiry.ResolvedAt = request.Status is InquiryStatus.Resolved or InquiryStatus.Closed
                ? inquiry.ResolvedAt ?? time.GetUtcNow()
                : null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok<int>(inquiry.Id);
    }
}
