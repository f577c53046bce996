using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Devices.Pages;

/// <summary>The company (or staff) writes name, kind, user, location, purpose, notes and site.</summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Analyst + "," + Roles.Advisor + "," + Roles.Member)]
public sealed class EditModel(UpdateDeviceHandler update, AppDbContext db, IStringLocalizer<DevicesResource> localizer) : DevicesPageModel(localizer)
{
    [BindProperty]
    public EditForm Form { get; set; } = new();

    public Device Device { get; private set; } = null!;

    public IReadOnlyList<(int Id, string Name)> Sites { get; private set; } = [];

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form = new EditForm
        {
            Name = Device.Name,
            Kind = Device.Kind,
            UsedBy = Device.UsedBy,
            Location = Device.Location,
            Purpose = Device.Purpose,
            Notes = Device.Notes,
            SiteId = Device.SiteId,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        // An unknown kind (tampered form) binds as a model error; the handler reports it as a field error.
        var kind = ModelState.TryGetValue("Form.Kind", out var state) && state.Errors.Count > 0 ? (DeviceKind)0 : Form.Kind;
        var result = await update.HandleAsync(
            new UpdateDeviceRequest(id, Form.Name, kind, Form.UsedBy, Form.Location, Form.Purpose, Form.Notes, Form.SiteId), cancellationToken);
        if (result.Succeeded)
        {
            Notice = Localize("Device.Saved");
            return Redirect($"/devices/{id}");
        }

        if (result.Errors.Any(e => e.Key == "Device.NotFound") || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        foreach (var error in result.Errors)
        {
            FieldErrors[error.Field ?? ""] = Describe(error);
        }

        Errors = [Localize("Device.FixErrors")];
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var device = await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (device is null)
        {
            return false;
        }

        Device = device;
        Sites = (await db.Sites.AsNoTracking().Where(s => s.CompanyId == device.CompanyId).OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, s.Name)).ToList();
        return true;
    }

    public sealed class EditForm
    {
        public string? Name { get; set; }

        public DeviceKind Kind { get; set; } = DeviceKind.Other;

        public string? UsedBy { get; set; }

        public string? Location { get; set; }

        public string? Purpose { get; set; }

        public string? Notes { get; set; }

        public int? SiteId { get; set; }
    }
}
