namespace Mamori.Sensor.Detection.BruteForce;

/// <summary>A failure count within a window.</summary>
public sealed class LoginThreshold
{
    /// <summary>Failed logins that make a brute-force run.</summary>
    public int Failures { get; set; }

    /// <summary>Window the failures must fall in (measured from the first failure).</summary>
    public TimeSpan Window { get; set; }
}

/// <summary>Thresholds for brute force, brute force followed by success, and password spraying.</summary>
public sealed class BruteForceOptions
{
    /// <summary>SSH: 30 guesses in 30 min, Zeek's <c>SSH::password_guesses_limit</c> and <c>guessing_timeout</c>.</summary>
    public LoginThreshold Ssh { get; set; } = new() { Failures = 30, Window = TimeSpan.FromMinutes(30) };

    /// <summary>
    /// Windows logons (NTLM/SMB, Kerberos, RDP): 8 failures in 240 s, the frequency and timeframe
    /// of Wazuh's "multiple Windows logon failures" rule (60204).
    /// </summary>
    public LoginThreshold Windows { get; set; } = new() { Failures = 8, Window = TimeSpan.FromSeconds(240) };

    /// <summary>
    /// FTP, POP3, IMAP, SMTP, Telnet and HTTP: 10 failures in 5 min. Our default; Wazuh's service
    /// rules use frequencies of 6–12 over a few minutes.
    /// </summary>
    public LoginThreshold Other { get; set; } = new() { Failures = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Distinct user names from one source that make password spraying.</summary>
    public int SprayMinUsers { get; set; } = 10;

    /// <summary>Spraying tries few passwords per user: at most this many failures per user name on average.</summary>
    public double SprayMaxAttemptsPerUser { get; set; } = 3;

    /// <summary>Window for spraying.</summary>
    public TimeSpan SprayWindow { get; set; } = TimeSpan.FromMinutes(30);
}
