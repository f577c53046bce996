namespace Mamori.Web.Features.Devices;

/// <summary>
/// A problem with a command's input: a resource key of DevicesResource, the form field it belongs to,
/// the CSV line it came from and a value to put in the message ({0}).
/// </summary>
public sealed record DeviceError(string Key, string? Field = null, int? Line = null, string? Argument = null);

/// <summary>What an inventory command returns; when it failed, nothing was changed.</summary>
public sealed record DeviceCommandResult(int? DeviceId, int Count, IReadOnlyList<DeviceError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static DeviceCommandResult Ok(int? deviceId, int count = 1) => new(deviceId, count, []);

    public static DeviceCommandResult Fail(params DeviceError[] errors) => new(null, 0, errors);

    public static DeviceCommandResult Fail(IReadOnlyList<DeviceError> errors) => new(null, 0, errors);
}
