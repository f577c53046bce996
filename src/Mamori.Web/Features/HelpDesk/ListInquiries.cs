using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk.BusinessHours;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.HelpDesk;

/// <summary>The queue: inquiries the current user may see (the tenancy filter decides), newest first, with SLA figures.</summary>
public sealed record InquiryListItem(
    int Id,
    DateTimeOffset ReceivedAt,
    InquiryChannel Channel,
    InquiryCategory Category,
    InquiryStatus Status,
    string Subject,
    string FromName,
    int? CompanyId,
    string? CompanyName,
    string? AssigneeName,
    InquirySla Sla);

public sealed class ListInquiriesHandler(AppDbContext db, BusinessHoursClock clock, IOptions<HelpDeskOptions> options, TimeProvider time)
{
    public async Task<List<InquiryListItem>> HandleAsync(bool openOnly, CancellationToken cancellationToken)
    {
        var query = db.Inquiries.AsNoTracking();
        if (openOnly)
        {
            query = query.Where(i => i.Status != InquiryStatus.Closed && i.Status != InquiryStatus.Resolved);
        }

        var rows = await query
            .Select(i => new
            {
                i.Id,
                i.ReceivedAt,
                i.Channel,
                i.Category,
                i.Status,
                i.Subject,
                i.FromName,
                i.CompanyId,
                i.AssigneeName,
                i.FirstRespondedAt,
                i.ResolvedAt,
                CompanyName = db.Companies.Where(c => c.Id == i.CompanyId).Select(c => c.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return rows
            .OrderByDescending(r => r.ReceivedAt)
            .Select(r => new InquiryListItem(
                r.Id, r.ReceivedAt, r.Channel, r.Category, r.Status, r.Subject, r.FromName, r.CompanyId, r.CompanyName, r.AssigneeName,
                InquirySla.Compute(clock, options.Value.For(r.Category), r.ReceivedAt, r.FirstRespondedAt, r.ResolvedAt, now)))
            .ToList();
    }
}

/// <summary>One inquiry with its timeline and SLA figures, or null when the user may not see it.</summary>
public sealed record InquiryDetail(Inquiry Inquiry, string? CompanyName, IReadOnlyList<InquiryReply> Replies, InquirySla Sla);

public sealed class GetInquiryHandler(AppDbContext db, BusinessHoursClock clock, IOptions<HelpDeskOptions> options, TimeProvider time)
{
    public async Task<InquiryDetail?> HandleAsync(int id, CancellationToken cancellationToken)
    {
        var inquiry = await db.Inquiries.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inquiry is null)
        {
            return null;
        }

        var replies = await db.InquiryReplies.AsNoTracking().Where(r => r.InquiryId == id).ToListAsync(cancellationToken);
        var company = await db.Companies.Where(c => c.Id == inquiry.CompanyId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        var sla = InquirySla.Compute(clock, options.Value.For(inquiry.Category), inquiry.ReceivedAt, inquiry.FirstRespondedAt, inquiry.ResolvedAt, time.GetUtcNow());
        return new InquiryDetail(inquiry, company, replies.OrderBy(r => r.WrittenAt).ThenBy(r => r.Id).ToList(), sla);
    }
}
