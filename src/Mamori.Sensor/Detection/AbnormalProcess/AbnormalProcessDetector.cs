using System.Globalization;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.AbnormalProcess;

/// <summary>
/// Abnormal process execution from host telemetry (Security 4688, Sysmon 1): the well-known
/// patterns of initial execution — Office or a browser starting a shell or script host, encoded
/// or download-and-run PowerShell, programs started from temporary or download folders, and
/// living-off-the-land downloaders (certutil, bitsadmin, mshta, rundll32, regsvr32).
/// </summary>
public sealed class AbnormalProcessDetector : IDetector
{
    private static readonly string[] s_officeAndBrowsers =
    [
        "winword.exe", "excel.exe", "powerpnt.exe", "outlook.exe", "msaccess.exe", "mspub.exe", "onenote.exe",
        "visio.exe", "eqnedt32.exe", "wordpad.exe", "acrord32.exe", "acrobat.exe", "hwp.exe", "ichitaro.exe", "taro.exe",
        "chrome.exe", "msedge.exe", "firefox.exe", "iexplore.exe", "brave.exe", "opera.exe",
    ];

    private static readonly string[] s_shells =
    [
        "cmd.exe", "powershell.exe", "pwsh.exe", "wscript.exe", "cscript.exe", "mshta.exe", "rundll32.exe",
        "regsvr32.exe", "certutil.exe", "bitsadmin.exe", "schtasks.exe", "wmic.exe", "msbuild.exe", "installutil.exe",
    ];

    private static readonly string[] s_userWritableFolders =
    [
        "\\appdata\\local\\temp\\", "\\windows\\temp\\", "\\downloads\\", "\\users\\public\\", "\\appdata\\roaming\\",
        "\\programdata\\", "\\$recycle.bin\\", "\\content.outlook\\", "\\inetcache\\",
    ];

    private readonly BoundedStateTable<(string Host, string Rule, string Image), Episode> _hits;
    private IAlertSink? _sink;
    private readonly Dictionary<(string Host, string Rule, string Image), (Alert Template, Episode Episode)> _templates = [];

    /// <summary>Creates the detector.</summary>
    public AbnormalProcessDetector(int maxTrackedKeys)
    {
        _hits = new(maxTrackedKeys, TimeSpan.FromDays(1), _ => new Episode());
        _hits.Removing = (key, state) =>
        {
            if (_templates.Remove(key, out var entry))
            {
                FlushOne(entry.Template, state, _sink);
            }
        };
    }

    /// <inheritdoc />
    public string Name => "abnormal_process";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_hits);

    /// <summary>Classifies a process start; returns the rule and severity, or null when nothing is abnormal.</summary>
    public static (string Rule, AlertSeverity Severity, string Reason)? Classify(ProcessEvent process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var image = FileName(process.Image);
        var parent = FileName(process.ParentImage);
        var command = process.CommandLine ?? "";
        var path = process.Image.ToLowerInvariant();

        if (s_officeAndBrowsers.Contains(parent) && s_shells.Contains(image))
        {
            return ("office_spawns_shell", AlertSeverity.High, $"{parent} started {image}");
        }

        if (image is "powershell.exe" or "pwsh.exe")
        {
            if (HasEncodedCommand(command))
            {
                return ("encoded_powershell", AlertSeverity.High, "PowerShell ran an encoded (hidden) command");
            }

            if (ContainsAny(command, "downloadstring", "downloadfile", "invoke-webrequest", "iwr ", "net.webclient", "start-bitstransfer")
                && ContainsAny(command, "iex", "invoke-expression", "| iex", "start-process", ".exe"))
            {
                return ("powershell_download_execute", AlertSeverity.High, "PowerShell downloaded and ran code");
            }
        }

        if (image == "certutil.exe" && ContainsAny(command, "-urlcache", "/urlcache", "-decode", "/decode", "-decodehex", "-verifyctl"))
        {
            return ("certutil_download", AlertSeverity.High, "certutil was used to download or decode a file");
        }

        if (image == "bitsadmin.exe" && ContainsAny(command, "/transfer", "/addfile", "/setnotifycmdline"))
        {
            return ("bitsadmin_download", AlertSeverity.High, "bitsadmin was used to download a file");
        }

        if (image == "mshta.exe" && ContainsAny(command, "http:", "https:", "javascript:", "vbscript:"))
        {
            return ("mshta_remote", AlertSeverity.High, "mshta ran a remote or inline script");
        }

        if (image == "regsvr32.exe" && ContainsAny(command, "/i:http", "-i:http", "scrobj.dll"))
        {
            return ("regsvr32_scriptlet", AlertSeverity.High, "regsvr32 loaded a remote scriptlet");
        }

        if (image == "rundll32.exe" && (ContainsAny(command, "javascript:", "http:", "https:", "mshtml,runhtmlapplication")
            || s_userWritableFolders.Any(f => command.Contains(f, StringComparison.OrdinalIgnoreCase))))
        {
            return ("rundll32_abuse", AlertSeverity.High, "rundll32 ran a script or a DLL from a user folder");
        }

        if (s_userWritableFolders.Any(f => path.Contains(f, StringComparison.Ordinal)) && (path.EndsWith(".exe", StringComparison.Ordinal) || path.EndsWith(".scr", StringComparison.Ordinal) || path.EndsWith(".com", StringComparison.Ordinal)))
        {
            return ("exec_from_user_folder", AlertSeverity.Medium, $"{image} ran from a temporary or download folder");
        }

        if (image is "wscript.exe" or "cscript.exe" && ContainsAny(command, ".js", ".jse", ".vbs", ".vbe", ".wsf") && s_userWritableFolders.Any(f => command.Contains(f, StringComparison.OrdinalIgnoreCase)))
        {
            return ("script_from_user_folder", AlertSeverity.High, "a script from a temporary or download folder was run");
        }

        return null;
    }

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent is not ProcessEvent process || Classify(process) is not { } hit)
        {
            return;
        }

        _sink = sink;
        var host = process.Host ?? "?";
        var image = FileName(process.Image);
        var key = (host, hit.Rule, image);
        var state = _hits.Touch(key, process.Timestamp);
        if (state.Count == 0)
        {
            state.Restart(process.Timestamp);
        }

        state.Add(process.Timestamp);
        var user = process.User is { Length: > 0 } u ? " as " + u : "";
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"On {host}{user}: {hit.Reason} ({process.Image}, parent {process.ParentImage ?? "unknown"})");
        var template = Alert.Create(AlertType.AbnormalProcess, hit.Severity, new AlertEndpoint(null, null, host), null,
            state.FirstSeen, state.LastSeen, state.Count, evidence, host + "|" + hit.Rule + "|" + image);
        _templates[key] = (template, state);
        if (state.ShouldReport())
        {
            sink.OnAlert(template);
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (template, state) in _templates.Values)
        {
            FlushOne(template, state, sink);
        }
    }

    private static void FlushOne(Alert template, Episode state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(template with { Count = state.Count, LastSeen = state.LastSeen });
        }
    }

    private static bool HasEncodedCommand(string command)
    {
        // -e, -en, -enc, -encodedcommand (any prefix PowerShell accepts), with - or /.
        foreach (var token in command.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var t = token.TrimStart('-', '/').ToLowerInvariant();
            if ((token.StartsWith('-') || token.StartsWith('/')) && t.Length >= 1 && "encodedcommand".StartsWith(t, StringComparison.Ordinal) && t != "ep" && t.StartsWith('e'))
            {
                return true;
            }
        }

        return command.Contains("frombase64string", StringComparison.OrdinalIgnoreCase);
    }

    private static bool ContainsAny(string text, params ReadOnlySpan<string> needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string FileName(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "";
        }

        var slash = path.LastIndexOfAny(['\\', '/']);
        return (slash < 0 ? path : path[(slash + 1)..]).ToLowerInvariant();
    }
}
