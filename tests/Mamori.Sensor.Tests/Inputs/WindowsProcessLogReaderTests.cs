using Mamori.Sensor.Events;
using Mamori.Sensor.Inputs;

namespace Mamori.Sensor.Tests.Inputs;

public class WindowsProcessLogReaderTests
{
    private static (List<MetadataEvent> Events, List<InputError> Errors) Read(string text)
    {
        var errors = new List<InputError>();
        return (WindowsProcessLogReader.Read(new StringReader(text), "host.json", errors).ToList(), errors);
    }

    [Fact]
    public void Read_GetWinEventArray_4688FromMessage()
    {
        const string json = """
            [
              {
                "Id": 4688,
                "ProviderName": "Microsoft-Windows-Security-Auditing",
                "MachineName": "PC01.corp.local",
                "TimeCreated": "/Date(1793523600000)/",
                "Message": "A new process has been created.\r\n\r\nCreator Subject:\r\n\tSecurity ID:\t\tS-1-5-21-1\r\n\tAccount Name:\t\ttaro\r\n\tAccount Domain:\t\tCORP\r\n\tLogon ID:\t\t0x3E7\r\n\r\nTarget Subject:\r\n\tSecurity ID:\t\tS-1-0-0\r\n\tAccount Name:\t\t-\r\n\r\nProcess Information:\r\n\tNew Process ID:\t\t0x1a2c\r\n\tNew Process Name:\tC:\\Windows\\System32\\cmd.exe\r\n\tToken Elevation Type:\t%%1938\r\n\tCreator Process ID:\t0x9c4\r\n\tCreator Process Name:\tC:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\r\n\tProcess Command Line:\tcmd.exe /c whoami"
              },
              { "Id": 4624, "ProviderName": "Microsoft-Windows-Security-Auditing", "TimeCreated": "/Date(1793523600000)/" },
              { "ProviderName": "x" }
            ]
            """;
        var (events, errors) = Read(json);

        var process = Assert.IsType<ProcessEvent>(Assert.Single(events));
        Assert.Equal(@"C:\Windows\System32\cmd.exe", process.Image);
        Assert.Equal(@"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE", process.ParentImage);
        Assert.Equal("cmd.exe /c whoami", process.CommandLine);
        Assert.Equal(@"CORP\taro", process.User);
        Assert.Equal(0x1a2c, process.ProcessId);
        Assert.Equal("PC01.corp.local", process.Host);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1793523600000), process.Timestamp);
        Assert.Equal(3, Assert.Single(errors).Line);
    }

    [Fact]
    public void Read_WinlogbeatSysmonAndNxlogLines()
    {
        const string lines = """
            {"@timestamp":"2026-11-01T00:00:00.000Z","host":{"name":"PC02"},"winlog":{"event_id":"1","channel":"Microsoft-Windows-Sysmon/Operational","provider_name":"Microsoft-Windows-Sysmon","computer_name":"PC02","event_data":{"Image":"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe","CommandLine":"powershell -enc SQBFAFgA","ParentImage":"C:\\Windows\\explorer.exe","User":"PC02\\hanako","ProcessId":"4242"}}}
            {"EventTime":"2026-11-01 09:00:00","Hostname":"PC03","EventID":4688,"SourceName":"Microsoft-Windows-Security-Auditing","NewProcessName":"C:\\Users\\jiro\\Downloads\\setup.exe","CommandLine":"setup.exe","ParentProcessName":"C:\\Windows\\explorer.exe","SubjectUserName":"jiro","SubjectDomainName":"PC03","TargetUserName":"-"}
            {"EventTime":"2026-11-01 09:00:00","Hostname":"PC03","EventID":4688
            {"@timestamp":"2026-11-01T00:00:00.000Z","winlog":{"event_id":1,"provider_name":"Microsoft-Windows-Sysmon","event_data":{"CommandLine":"x"}}}
            """;
        var (events, errors) = Read(lines);

        Assert.Equal(2, events.Count);
        var sysmon = Assert.IsType<ProcessEvent>(events[0]);
        Assert.Equal("sysmon-1", sysmon.Source);
        Assert.Equal("PC02", sysmon.Host);
        Assert.Equal(4242, sysmon.ProcessId);
        var nxlog = Assert.IsType<ProcessEvent>(events[1]);
        Assert.Equal(@"PC03\jiro", nxlog.User);
        Assert.Equal([3, 4], errors.Select(e => e.Line));
        Assert.Contains("image", errors[1].Message, StringComparison.Ordinal);
    }
}
