using Mamori.Web.Features.Devices;

namespace Microsoft.Extensions.DependencyInjection;

public static class DevicesServiceCollectionExtensions
{
    /// <summary>Device inventory: the observation processor, the MAC vendor registry and the inventory pages' handlers.</summary>
    public static IServiceCollection AddDevicesFeature(this IServiceCollection services)
    {
        services.AddOptions<DeviceInventoryOptions>().BindConfiguration(DeviceInventoryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<OuiRegistry>();
        services.AddScoped<ProcessDeviceObservationsHandler>();
        services.AddHostedService<DeviceObservationWorker>();
        services.AddScoped<ListDevicesHandler>();
        services.AddScoped<GetDeviceHandler>();
        services.AddScoped<UpdateDeviceHandler>();
        services.AddScoped<MergeDevicesHandler>();
        services.AddScoped<ImportDevicesHandler>();
        return services;
    }
}
