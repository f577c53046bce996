using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.HelpDesk;

/// <summary>
/// Adds a reply to an inquiry's timeline. The first staff reply ends the first-response time
/// and moves a new inquiry to "in progress"; a member's reply to an inquiry waiting for it
/// moves it back to "in progress".
/// </summary>
public sealed record ReplyToInquiryRequest(int InquiryId, string? Text, string AuthorName);

public sealed class ReplyToInquiryHandler(AppDbContext db, TimeProvider time)
{
    public async Task<HandlerResult<int>> HandleAsync(ReplyToInquiryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return HandlerResult.Fail<int>("Reply.TextRequired");
        }

        var inquiry = await db.Inquiries.SingleOrDefaultAsync(i => i.Id == request.InquiryId, cancellationToken);
        if (inquiry is null)
        {
            return HandlerResult.Fail<int>("Inquiry.NotFound");
        }

        var byStaff = db.Tenant.Scope == TenantScope.Operator;
        var now = time.GetUtcNow();
        var reply = new InquiryReply
        {
            OperatorId = inquiry.OperatorId,
            CompanyId = inquiry.CompanyId,
            InquiryId = inquiry.Id,
            ByStaff = byStaff,
            AuthorName = request.AuthorName,
            Text = request.Text.Trim(),
            WrittenAt = now,
        };
        db.InquiryReplies.Add(reply);
        if (byStaff)
        {
            inquiry.FirstRespondedAt ??= now;
            if (inquiry.Status == InquiryStatus.New)
            {
                inquiry.Status = InquiryStatus.InProgress;
            }
        }
        else if (inquiry.Status == InquiryStatus.WaitingForCustomer)
        {
            inquiry.Status = InquiryStatus.InProgress;
        }

        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok<int>(reply.Id);
    }
}
