using Mamori.Web.Features.Dispatch;
using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.HelpDesk.BusinessHours;
using Mamori.Web.Features.Insurance;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class HelpDeskServiceCollectionExtensions
{
    /// <summary>Help desk, dispatch and insurance; hours and SLA targets are checked at start-up.</summary>
    public static IServiceCollection AddHelpDeskFeature(this IServiceCollection services)
    {
        services.AddOptions<BusinessHoursOptions>().BindConfiguration(BusinessHoursOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Closes > o.Opens, "The help desk must close after it opens.")
            .ValidateOnStart();
        services.AddOptions<HelpDeskOptions>().BindConfiguration(HelpDeskOptions.SectionName)
            .Validate(o => o.IsValid(), "Every SLA target must be positive, and resolution no shorter than first response.")
            .ValidateOnStart();
        services.AddSingleton(sp => new BusinessHoursClock(sp.GetRequiredService<IOptions<BusinessHoursOptions>>().Value));

        services.AddScoped<FileInquiryHandler>();
        services.AddScoped<ReplyToInquiryHandler>();
        services.AddScoped<UpdateInquiryHandler>();
        services.AddScoped<ListInquiriesHandler>();
        services.AddScoped<GetInquiryHandler>();
        services.AddScoped<BuildHelpDeskReportHandler>();

        services.AddScoped<ProposeVendorsHandler>();
        services.AddScoped<RequestDispatchHandler>();
        services.AddScoped<OfferDispatchHandler>();
        services.AddScoped<RespondToDispatchHandler>();
        services.AddScoped<RecordVisitHandler>();
        services.AddScoped<ConfirmVisitHandler>();
        services.AddScoped<ListDispatchesHandler>();

        services.AddScoped<FileClaimHandler>();
        services.AddScoped<DecideClaimHandler>();
        services.AddScoped<ListPoliciesHandler>();
        return services;
    }
}
