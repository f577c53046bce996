using Mamori.Web.Data;
using Mamori.Web.Features.Companies;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.HelpDesk;

/// <summary>
/// An inquiry received by staff (phone, e-mail) or sent by a member from its portal (web).
/// For an e-mail without a chosen company the sender's address is looked up among the
/// operator's company contacts; an unknown sender's e-mail is filed unlinked, never dropped.
/// </summary>
public sealed record FileInquiryRequest(
    InquiryChannel Channel,
    InquiryCategory Category,
    string? FromName,
    string? FromAddress,
    string? Subject,
    string? Body,
    int? CompanyId = null,
    int? SiteId = null,
    int? DeviceId = null,
    int? IncidentId = null);

/// <summary>The filed inquiry; <c>Unlinked</c> when no company could be linked (an unknown sender): staff must link it.</summary>
public sealed record FiledInquiry(int Id, int? CompanyId, bool Unlinked);

public sealed class FileInquiryHandler(AppDbContext db, TimeProvider time)
{
    public async Task<HandlerResult<FiledInquiry>> HandleAsync(FileInquiryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = db.Tenant;
        if (tenant.OperatorId is not { } operatorId || tenant.Scope is not (TenantScope.Operator or TenantScope.Member))
        {
            return HandlerResult.Fail<FiledInquiry>("Inquiry.NotAllowed");
        }

        if (string.IsNullOrWhiteSpace(request.Subject) || string.IsNullOrWhiteSpace(request.Body))
        {
            return HandlerResult.Fail<FiledInquiry>("Inquiry.SubjectAndTextRequired");
        }

        if (!Enum.IsDefined(request.Category) || !Enum.IsDefined(request.Channel))
        {
            return HandlerResult.Fail<FiledInquiry>("Inquiry.CategoryRequired");
        }

        var companyId = request.CompanyId;
        var channel = request.Channel;
        var fromName = request.FromName?.Trim();
        if (tenant.Scope == TenantScope.Member)
        {
            // A member always files for its own company, through the portal.
            companyId = tenant.CompanyId;
            channel = InquiryChannel.Web;
        }
        else if (companyId is not null)
        {
            if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
            {
                return HandlerResult.Fail<FiledInquiry>("Inquiry.UnknownCompany");
            }
        }
        else if (channel == InquiryChannel.Email)
        {
            if (string.IsNullOrWhiteSpace(request.FromAddress))
            {
                return HandlerResult.Fail<FiledInquiry>("Inquiry.SenderRequired");
            }

            // E-mail addresses are compared without case; the operator's contacts are few.
            var address = request.FromAddress.Trim();
            var contacts = await db.Set<CompanyContact>().Where(c => c.Email != null).ToListAsync(cancellationToken);
            var contact = contacts
                .Where(c => string.Equals(c.Email, address, StringComparison.OrdinalIgnoreCase))
                .Select(c => new { c.CompanyId, c.Name })
                .FirstOrDefault();
            companyId = contact?.CompanyId;
            fromName ??= contact?.Name;
        }

        if (string.IsNullOrWhiteSpace(fromName) && string.IsNullOrWhiteSpace(request.FromAddress))
        {
            return HandlerResult.Fail<FiledInquiry>("Inquiry.SenderRequired");
        }

        if (request.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId && s.CompanyId == companyId, cancellationToken))
        {
            return HandlerResult.Fail<FiledInquiry>("Inquiry.UnknownSite");
        }

        if (request.DeviceId is { } deviceId && !await db.Devices.AnyAsync(d => d.Id == deviceId && d.CompanyId == companyId, cancellationToken))
        {
            return HandlerResult.Fail<FiledInquiry>("Inquiry.UnknownDevice");
        }

        var inquiry = new Inquiry
        {
            OperatorId = operatorId,
            CompanyId = companyId,
            SiteId = request.SiteId,
            DeviceId = request.DeviceId,
            IncidentId = request.IncidentId,
            Channel = channel,
            Category = request.Category,
            FromName = string.IsNullOrWhiteSpace(fromName) ? request.FromAddress!.Trim() : fromName,
            FromAddress = request.FromAddress?.Trim(),
            Subject = request.Subject.Trim(),
            Body = request.Body.Trim(),
            ReceivedAt = time.GetUtcNow(),
        };
        db.Inquiries.Add(inquiry);
        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok<FiledInquiry>(new FiledInquiry(inquiry.Id, companyId, companyId is null));
    }
}
