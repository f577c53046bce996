using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Triage;
using Mamori.Web.Workers;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class TriageServiceCollectionExtensions
{
    /// <summary>Analyst triage, incidents, notices and the member portal, with their workers.</summary>
    public static IServiceCollection AddTriageFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TriageOptions>().BindConfiguration(TriageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => !o.Enabled || System.Net.Mail.MailAddress.TryCreate(o.From, out _), "Mamori:Mail:From must be an e-mail address.")
            .ValidateOnStart();
        services.AddSingleton<INoticeMailer, SmtpNoticeMailer>();

        services.AddScoped<TriageNewAlertsHandler>();
        services.AddScoped<ListAlertQueueHandler>();
        services.AddScoped<GroupAlertsIntoIncidentsHandler>();
        services.AddScoped<DismissAlertsHandler>();
        services.AddScoped<SuppressAlertsHandler>();
        services.AddScoped<ListIncidentsHandler>();
        services.AddScoped<GetIncidentHandler>();
        services.AddScoped<UpdateIncidentHandler>();
        services.AddScoped<DraftIncidentNoticeHandler>();
        services.AddScoped<SendNoticeHandler>();
        services.AddScoped<AcknowledgeNoticeHandler>();
        services.AddScoped<DeliverNoticesHandler>();
        services.AddScoped<EscalateNoticesHandler>();
        services.AddScoped<ListEscalatedNoticesHandler>();
        services.AddScoped<BuildWeeklyDigestsHandler>();
        services.AddScoped<Mamori.Web.Features.Portal.GetPortalHandler>();

        if (configuration.GetValue(TriageOptions.SectionName + ":RunWorkers", true))
        {
            services.AddHostedService<AlertTriageWorker>();
            services.AddHostedService<NoticeDeliveryWorker>();
            services.AddHostedService<NoticeEscalationWorker>();
            services.AddHostedService<WeeklyDigestWorker>();
        }

        return services;
    }
}
