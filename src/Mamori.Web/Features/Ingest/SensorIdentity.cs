namespace Mamori.Web.Features.Ingest;

/// <summary>Who a sensor credential speaks for: everything it writes is stamped with these ids.</summary>
/// <param name="SensorId">The sensor.</param>
/// <param name="OperatorId">Its operator.</param>
/// <param name="CompanyId">Its member company.</param>
/// <param name="SiteId">The site it is installed at.</param>
/// <param name="RotationRequired">The operator asked this sensor to rotate its credential.</param>
public sealed record SensorIdentity(int SensorId, int OperatorId, int CompanyId, int SiteId, bool RotationRequired = false);

/// <summary>An API failure with its machine-readable code (<see cref="Mamori.Sensor.Shipping.SensorApiErrors"/>).</summary>
public sealed record SensorApiError(int Status, string Code, string Detail, IReadOnlyList<string>? Errors = null)
{
    /// <summary>The problem's <c>type</c>: ends in the code, as the contract says.</summary>
    public string Type => Mamori.Sensor.Shipping.SensorApi.Prefix + "/errors/" + Code;

    public IResult ToResult()
    {
        var extensions = new Dictionary<string, object?> { ["code"] = Code };
        if (Errors is { Count: > 0 })
        {
            extensions["errors"] = Errors;
        }

        return TypedResults.Problem(detail: Detail, statusCode: Status, title: Title, type: Type, extensions: extensions);
    }

    private string Title => Code switch
    {
        Mamori.Sensor.Shipping.SensorApiErrors.InvalidCode => "Unknown enrolment code",
        Mamori.Sensor.Shipping.SensorApiErrors.ExpiredCode => "Enrolment code expired",
        Mamori.Sensor.Shipping.SensorApiErrors.AlreadyEnrolled => "Enrolment code already used",
        Mamori.Sensor.Shipping.SensorApiErrors.InvalidCredential => "Invalid sensor credential",
        Mamori.Sensor.Shipping.SensorApiErrors.Revoked => "Sensor revoked",
        Mamori.Sensor.Shipping.SensorApiErrors.InvalidBatch => "Invalid batch",
        Mamori.Sensor.Shipping.SensorApiErrors.RateLimited => "Too many requests",
        _ => "Sensor API error",
    };
}
