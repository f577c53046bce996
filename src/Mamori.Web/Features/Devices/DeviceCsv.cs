using System.Globalization;
using System.Text;
using CsvHelper;
using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Devices;

/// <summary>
/// The inventory as a spreadsheet (情報資産管理台帳): Japanese headers, UTF-8 with a byte order mark so
/// Excel opens it as Unicode. Only the company's columns are read back on import; the observed ones are
/// for reading.
/// </summary>
public static class DeviceCsv
{
    public const string Id = "ID";
    public const string Name = "名前";
    public const string Kind = "種類";
    public const string UsedBy = "使用者";
    public const string Location = "設置場所";
    public const string Purpose = "用途";
    public const string Notes = "備考";
    public const string Mac = "MACアドレス";
    public const string HostName = "ホスト名";
    public const string Ip = "IPアドレス";
    public const string Vendor = "メーカー";
    public const string Os = "OS";
    public const string FirstSeen = "最初に検知";
    public const string LastSeen = "最後に検知";
    public const string Company = "会社";

    public static IReadOnlyList<string> Headers { get; } =
        [Id, Name, Kind, UsedBy, Location, Purpose, Notes, Mac, HostName, Ip, Vendor, Os, FirstSeen, LastSeen, Company];

    /// <summary>The kinds as the sheet writes them (the Japanese labels of the pages).</summary>
    public static IReadOnlyDictionary<DeviceKind, string> KindLabels { get; } = new Dictionary<DeviceKind, string>
    {
        [DeviceKind.Pc] = "パソコン",
        [DeviceKind.Server] = "サーバー",
        [DeviceKind.Printer] = "複合機・プリンター",
        [DeviceKind.NetworkEquipment] = "ネットワーク機器",
        [DeviceKind.Smartphone] = "スマートフォン",
        [DeviceKind.Other] = "その他",
    };

    private static readonly TimeSpan s_japan = TimeSpan.FromHours(9);

    /// <summary>A label or an English name (Pc, Printer...) back to a kind.</summary>
    public static DeviceKind? ParseKind(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        foreach (var (kind, label) in KindLabels)
        {
            if (label == t)
            {
                return kind;
            }
        }

        return Enum.TryParse<DeviceKind>(t, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(t, out _) ? parsed : null;
    }

    public static async Task<byte[]> ExportAsync(AppDbContext db, int? companyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Devices.AsNoTracking();
        if (companyId is { } id)
        {
            query = query.Where(d => d.CompanyId == id);
        }

        var rows = await (from d in query
                          join c in db.Companies on d.CompanyId equals c.Id
                          orderby c.Name, d.Id
                          select new { Device = d, Company = c.Name }).ToListAsync(cancellationToken);
        using var stream = new MemoryStream();
        await using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteRecord([.. Headers]);
            foreach (var row in rows)
            {
                var d = row.Device;
                csv.WriteRecord(
                [
                    d.Id.ToString(CultureInfo.InvariantCulture), d.Name, KindLabels[d.Kind], d.UsedBy, d.Location, d.Purpose, d.Notes,
                    d.MacAddress, d.HostName, d.IpAddress, d.Vendor, d.OsHint, Time(d.FirstSeen), Time(d.LastSeen), row.Company,
                ]);
            }
        }

        return stream.ToArray();
    }

    private static string? Time(DateTimeOffset? at) =>
        at?.ToOffset(s_japan).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>An inventory sheet for one company, as uploaded.</summary>
public sealed record ImportDevicesRequest(int CompanyId, Stream Csv);

/// <summary>
/// Imports an inventory sheet: a row updates the device with its ID, else the one with its MAC
/// address, else adds a device. Every row is checked first; one bad row (reported with its line number)
/// and nothing is changed.
/// </summary>
public sealed class ImportDevicesHandler(AppDbContext db)
{
    /// <summary>A sheet of more rows is refused (a small company has tens of devices).</summary>
    public const int MaxRows = 5_000;

    public async Task<DeviceCommandResult> HandleAsync(ImportDevicesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (db.Tenant.CompanyId is { } own && own != request.CompanyId)
        {
            return DeviceCommandResult.Fail(new DeviceError("Import.UnknownCompany"));
        }

        var company = await db.Companies.AsNoTracking().Where(c => c.Id == request.CompanyId).Select(c => new { c.Id, c.OperatorId }).SingleOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return DeviceCommandResult.Fail(new DeviceError("Import.UnknownCompany"));
        }

        var (rows, readErrors) = Read(request.Csv);
        if (readErrors.Count > 0)
        {
            return DeviceCommandResult.Fail(readErrors);
        }

        var devices = await db.Devices.Where(d => d.CompanyId == company.Id).ToListAsync(cancellationToken);
        var errors = new List<DeviceError>();
        var seenIds = new HashSet<int>();
        var seenMacs = new HashSet<string>(StringComparer.Ordinal);
        var plan = new List<(Device? Target, ImportRow Row, string? Mac, DeviceKind? Kind)>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            Device? target = null;
            if (!string.IsNullOrWhiteSpace(row.Id))
            {
                if (!int.TryParse(row.Id.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || (target = devices.FirstOrDefault(d => d.Id == id)) is null)
                {
                    errors.Add(new DeviceError("Import.UnknownId", DeviceCsv.Id, row.Line, row.Id.Trim()));
                }
                else if (!seenIds.Add(id))
                {
                    errors.Add(new DeviceError("Import.DuplicateRow", DeviceCsv.Id, row.Line, row.Id.Trim()));
                }
            }

            string? mac = null;
            if (!string.IsNullOrWhiteSpace(row.Mac))
            {
                mac = MacAddress.Normalize(row.Mac);
                if (mac is null)
                {
                    errors.Add(new DeviceError("Import.InvalidMac", DeviceCsv.Mac, row.Line, row.Mac.Trim()));
                }
                else if (!seenMacs.Add(mac))
                {
                    errors.Add(new DeviceError("Import.DuplicateRow", DeviceCsv.Mac, row.Line, mac));
                }
                else
                {
                    var byMac = devices.FirstOrDefault(d => d.MacAddress == mac);
                    if (target is null && string.IsNullOrWhiteSpace(row.Id))
                    {
                        target = byMac;
                    }
                    else if (target is not null && byMac is not null && byMac != target)
                    {
                        errors.Add(new DeviceError("Import.MacOfOtherDevice", DeviceCsv.Mac, row.Line, mac));
                    }
                }
            }

            var kind = DeviceCsv.ParseKind(row.Kind);
            if (!string.IsNullOrWhiteSpace(row.Kind) && kind is null)
            {
                errors.Add(new DeviceError("Import.InvalidKind", DeviceCsv.Kind, row.Line, row.Kind.Trim()));
            }

            errors.AddRange(UpdateDeviceHandler.Validate(row.Name, kind ?? DeviceKind.Other, row.UsedBy, row.Location, row.Purpose, row.Notes, row.Line)
                .Select(e => e with { Field = HeaderOf(e.Field) }));
            if (errors.Count == before)
            {
                plan.Add((target, row, mac, kind));
            }
        }

        if (errors.Count > 0)
        {
            return DeviceCommandResult.Fail(errors);
        }

        foreach (var (target, row, mac, kind) in plan)
        {
            var device = target;
            if (device is null)
            {
                device = new Device
                {
                    OperatorId = company.OperatorId,
                    CompanyId = company.Id,
                    Name = row.Name!.Trim(),
                    MacAddress = mac,
                    RandomMac = mac is not null && MacAddress.IsLocallyAdministered(mac),
                };
                db.Devices.Add(device);
            }

            device.MacAddress ??= mac;
            UpdateDeviceHandler.Apply(device, row.Name!, kind ?? (target?.Kind ?? DeviceKind.Other), row.UsedBy, row.Location, row.Purpose, row.Notes);
        }

        await db.SaveChangesAsync(cancellationToken);
        return DeviceCommandResult.Ok(null, plan.Count);
    }

    private static string? HeaderOf(string? field) => field switch
    {
        "Name" => DeviceCsv.Name,
        "Kind" => DeviceCsv.Kind,
        "UsedBy" => DeviceCsv.UsedBy,
        "Location" => DeviceCsv.Location,
        "Purpose" => DeviceCsv.Purpose,
        "Notes" => DeviceCsv.Notes,
        _ => field,
    };

    private static (List<ImportRow> Rows, List<DeviceError> Errors) Read(Stream input)
    {
        var rows = new List<ImportRow>();
        var errors = new List<DeviceError>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            IncludeValuesInExceptions = false,
            Encoding = Encoding.UTF8,
        };
        try
        {
            using var csv = CsvReader.Create(input, options, leaveOpen: true);
            var headers = csv.Headers;
            if (!headers.Contains(DeviceCsv.Name))
            {
                errors.Add(new DeviceError("Import.MissingHeader", DeviceCsv.Name, 1, DeviceCsv.Name));
                return (rows, errors);
            }

            string? Field(string header) => headers.Contains(header) ? csv.GetString(header) : null;
            while (csv.Read())
            {
                if (rows.Count >= ImportDevicesHandler.MaxRows)
                {
                    errors.Add(new DeviceError("Import.TooManyRows", null, checked((int)csv.LineNumber), ImportDevicesHandler.MaxRows.ToString(CultureInfo.InvariantCulture)));
                    break;
                }

                rows.Add(new ImportRow(
                    checked((int)csv.LineNumber),
                    Field(DeviceCsv.Id),
                    Field(DeviceCsv.Name),
                    Field(DeviceCsv.Kind),
                    Field(DeviceCsv.UsedBy),
                    Field(DeviceCsv.Location),
                    Field(DeviceCsv.Purpose),
                    Field(DeviceCsv.Notes),
                    Field(DeviceCsv.Mac)));
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new DeviceError("Import.Malformed", null, ex.LineNumber is { } line ? checked((int)line) : null));
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new DeviceError("Import.Empty"));
        }

        return (rows, errors);
    }

    private sealed record ImportRow(int Line, string? Id, string? Name, string? Kind, string? UsedBy, string? Location, string? Purpose, string? Notes, string? Mac);
}
