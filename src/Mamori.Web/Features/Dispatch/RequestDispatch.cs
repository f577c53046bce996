using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Dispatch;

/// <summary>
/// Staff ask a vendor to go to a company's site, from an inquiry or an incident. The vendor must
/// be one of the proposals for the company; after a decline staff offer it to another.
/// </summary>
public sealed record RequestDispatchRequest(
    int CompanyId,
    int SiteId,
    int VendorId,
    VisitKind Kind,
    bool RemoteImpossible,
    string? Reason,
    int? InquiryId = null,
    int? IncidentId = null);

public sealed class RequestDispatchHandler(AppDbContext db, ProposeVendorsHandler proposals, TimeProvider time)
{
    public async Task<HandlerResult<int>> HandleAsync(RequestDispatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (db.Tenant.OperatorId is not { } operatorId || db.Tenant.Scope != Infrastructure.Tenancy.TenantScope.Operator)
        {
            return HandlerResult.Fail<int>("Dispatch.NotAllowed");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return HandlerResult.Fail<int>("Dispatch.ReasonRequired");
        }

        if (!await db.Sites.AnyAsync(s => s.Id == request.SiteId && s.CompanyId == request.CompanyId, cancellationToken))
        {
            return HandlerResult.Fail<int>("Inquiry.UnknownSite");
        }

        var candidates = await proposals.HandleAsync(request.CompanyId, cancellationToken);
        if (!candidates.Any(v => v.Id == request.VendorId))
        {
            return HandlerResult.Fail<int>("Dispatch.VendorDoesNotCover");
        }

        if (request.InquiryId is { } inquiryId && !await db.Inquiries.AnyAsync(i => i.Id == inquiryId && i.CompanyId == request.CompanyId, cancellationToken))
        {
            return HandlerResult.Fail<int>("Inquiry.NotFound");
        }

        var dispatch = new DispatchRequest
        {
            OperatorId = operatorId,
            CompanyId = request.CompanyId,
            SiteId = request.SiteId,
            VendorId = request.VendorId,
            InquiryId = request.InquiryId,
            IncidentId = request.IncidentId,
            Kind = request.Kind,
            RemoteImpossible = request.RemoteImpossible,
            Reason = request.Reason.Trim(),
            RequestedAt = time.GetUtcNow(),
        };
        db.Dispatches.Add(dispatch);
        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok<int>(dispatch.Id);
    }
}

/// <summary>Staff offer a declined dispatch to another vendor that covers the company.</summary>
public sealed class OfferDispatchHandler(AppDbContext db, ProposeVendorsHandler proposals, TimeProvider time)
{
    public async Task<HandlerResult<int>> HandleAsync(int dispatchId, int vendorId, CancellationToken cancellationToken)
    {
        var dispatch = await db.Dispatches.SingleOrDefaultAsync(d => d.Id == dispatchId, cancellationToken);
        if (dispatch is null)
        {
            return HandlerResult.Fail<int>("Dispatch.NotFound");
        }

        if (dispatch.Status != DispatchStatus.Declined)
        {
            return HandlerResult.Fail<int>("Dispatch.WrongState");
        }

        if (!(await proposals.HandleAsync(dispatch.CompanyId, cancellationToken)).Any(v => v.Id == vendorId))
        {
            return HandlerResult.Fail<int>("Dispatch.VendorDoesNotCover");
        }

        dispatch.VendorId = vendorId;
        dispatch.Status = DispatchStatus.Offered;
        dispatch.RespondedAt = null;
        dispatch.RequestedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok<int>(dispatch.Id);
    }
}
