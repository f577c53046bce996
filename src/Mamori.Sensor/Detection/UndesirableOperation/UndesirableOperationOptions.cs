namespace Mamori.Sensor.Detection.UndesirableOperation;

/// <summary>Undesirable-operation settings .</summary>
public sealed class UndesirableOperationOptions
{
    /// <summary>Account names that are privileged (case-insensitive, domain part ignored).</summary>
    public IList<string> PrivilegedAccounts { get; set; } = ["administrator", "admin", "root", "管理者"];

    /// <summary>Report failed logins with privileged names too (off: a failure is not "use").</summary>
    public bool IncludeFailures { get; set; }
}
