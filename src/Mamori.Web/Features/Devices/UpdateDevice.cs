using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Devices;

/// <summary>What the company writes about a device (the observed columns are the sensor's).</summary>
public sealed record UpdateDeviceRequest(
    int DeviceId,
    string? Name,
    DeviceKind Kind,
    string? UsedBy,
    string? Location,
    string? Purpose,
    string? Notes,
    int? SiteId);

/// <summary>The company (or the operator's staff) edits a device of the inventory.</summary>
public sealed class UpdateDeviceHandler(AppDbContext db)
{
    public async Task<DeviceCommandResult> HandleAsync(UpdateDeviceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The tenancy filters hide another company's device: it is "not found", never editable.
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == request.DeviceId, cancellationToken);
        if (device is null)
        {
            return DeviceCommandResult.Fail(new DeviceError("Device.NotFound"));
        }

        var errors = Validate(request.Name, request.Kind, request.UsedBy, request.Location, request.Purpose, request.Notes, line: null);
        if (request.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId && s.CompanyId == device.CompanyId, cancellationToken))
        {
            errors.Add(new DeviceError("Device.UnknownSite", nameof(request.SiteId)));
        }

        if (errors.Count > 0)
        {
            return DeviceCommandResult.Fail(errors);
        }

        Apply(device, request.Name!, request.Kind, request.UsedBy, request.Location, request.Purpose, request.Notes);
        device.SiteId = request.SiteId;
        await db.SaveChangesAsync(cancellationToken);
        return DeviceCommandResult.Ok(device.Id);
    }

    /// <summary>The rules shared by the edit form and the CSV import.</summary>
    internal static List<DeviceError> Validate(string? name, DeviceKind kind, string? usedBy, string? location, string? purpose, string? notes, int? line)
    {
        var errors = new List<DeviceError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new DeviceError("Device.NameRequired", "Name", line));
        }

        if (!Enum.IsDefined(kind))
        {
            errors.Add(new DeviceError("Device.KindInvalid", "Kind", line));
        }

        void Max(string? value, int max, string field)
        {
            if (value is not null && value.Trim().Length > max)
            {
                errors.Add(new DeviceError("Device.TooLong", field, line, max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        Max(name, DeviceLimits.Name, "Name");
        Max(usedBy, DeviceLimits.UsedBy, "UsedBy");
        Max(location, DeviceLimits.Location, "Location");
        Max(purpose, DeviceLimits.Purpose, "Purpose");
        Max(notes, DeviceLimits.Notes, "Notes");
        return errors;
    }

    internal static void Apply(Device device, string name, DeviceKind kind, string? usedBy, string? location, string? purpose, string? notes)
    {
        device.Name = name.Trim();
        device.Kind = kind;
        device.UsedBy = Clean(usedBy);
        device.Location = Clean(location);
        device.Purpose = Clean(purpose);
        device.Notes = Clean(notes);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
