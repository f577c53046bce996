using System.Net;
using System.Text.Json;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.LateralCopy;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Detection.LateralCopy;

public class LateralCopyDetectorTests
{
    private static SmbFileEvent Copy(double seconds, string name, string share = "ADMIN$", string src = "10.0.0.5", string dst = "10.0.0.9",
        SmbFileAction action = SmbFileAction.Create, bool? succeeded = true, string? server = null) => new()
        {
            Timestamp = Ev.T0.AddSeconds(seconds),
            Flow = Ev.Flow(src, 50123, dst, 445),
            Action = action,
            Path = $"\\\\{server ?? dst}\\{share}",
            Share = share,
            Name = name,
            Succeeded = succeeded,
            Status = succeeded switch { true => "0x00000000", false => "0xc0000022", null => null },
        };

    private static IReadOnlyList<Alert> Run(params MetadataEvent[] events) => Run(new LateralCopyOptions(), events);

    private static IReadOnlyList<Alert> Run(LateralCopyOptions options, params MetadataEvent[] events) =>
        Ev.Run(new LateralCopyDetector(options, 1000), events);

    [Fact]
    public void OnEvent_ExeCreatedInAdminShare_HighAbnormalProcessWithPsExecEvidence()
    {
        var alert = Assert.Single(Run(Copy(0, "PSEXESVC.exe")));

        Assert.Equal((AlertType.AbnormalProcess, AlertSeverity.High), (alert.Type, alert.Severity));
        Assert.Equal("10.0.0.5", alert.Src.Ip);
        Assert.Equal(new AlertEndpoint("10.0.0.9", 445, null), alert.Dst);
        Assert.Equal(1, alert.Count);
        Assert.Equal(@"10.0.0.5 copied PSEXESVC.exe into \\10.0.0.9\ADMIN$ over SMB (the way PsExec and worms start programs on another PC)", alert.Evidence);
    }

    [Fact]
    public void OnEvent_ExistingFileOpenedForWritingInDriveShare_Alert()
    {
        var alert = Assert.Single(Run(Copy(0, @"Windows\Temp\svc.bat", share: "C$", action: SmbFileAction.Write)));
        Assert.Contains(@"into \\10.0.0.9\C$", alert.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_ReadOfAProgramFromAdminShare_NoAlert() =>
        Assert.Empty(Run(Copy(0, "tool.exe", action: SmbFileAction.Read)));

    [Fact]
    public void OnEvent_RefusedCreate_NoAlertButUnansweredOneCounts()
    {
        Assert.Empty(Run(Copy(0, "update.exe", succeeded: false)));
        Assert.Single(Run(Copy(0, "update.exe", succeeded: null)));
    }

    [Theory]
    [InlineData("share")]
    [InlineData("Users")]
    [InlineData("IPC$")]
    [InlineData("$")]
    public void OnEvent_ProgramIntoOrdinaryShareOrIpc_NoAlert(string share) => Assert.Empty(Run(Copy(0, "setup.exe", share: share)));

    [Theory]
    [InlineData("minutes.docx")]
    [InlineData("photo.jpg")]
    [InlineData("update.exe.txt")]
    [InlineData("exe")]
    public void OnEvent_DocumentIntoAdminShare_NoAlert(string name) => Assert.Empty(Run(Copy(0, name)));

    [Theory]
    [InlineData("a.EXE")]
    [InlineData("b.dll")]
    [InlineData("c.scr")]
    [InlineData("d.ps1")]
    [InlineData("e.bat")]
    [InlineData("f.cmd")]
    [InlineData("g.vbs")]
    [InlineData("h.js")]
    [InlineData("i.hta")]
    [InlineData("j.msi")]
    [InlineData("k.sys")]
    public void OnEvent_EveryDefaultExtension_Alert(string name) => Assert.Single(Run(Copy(0, name)));

    [Fact]
    public void OnEvent_ConfiguredExtensions_ReplaceTheDefaults()
    {
        var options = new LateralCopyOptions { Extensions = ["jar", ".lnk"] };
        Assert.Single(Run(options, Copy(0, "payload.jar")));
        Assert.Single(Run(options, Copy(0, "startup.LNK")));
        Assert.Empty(Run(options, Copy(0, "PSEXESVC.exe")));
    }

    [Fact]
    public void OnEvent_AllowedClientAddressOrNetwork_NoAlert()
    {
        var options = new LateralCopyOptions { AllowedClients = ["10.0.0.5", "192.168.10.0/29"] };
        Assert.Empty(Run(options, Copy(0, "agent.msi")));
        Assert.Empty(Run(options, Copy(0, "agent.msi", src: "192.168.10.6")));
        var alert = Assert.Single(Run(options, Copy(0, "agent.msi", src: "192.168.10.9")));
        Assert.Equal("192.168.10.9", alert.Src.Ip);
    }

    [Fact]
    public void Constructor_AllowedClientThatIsNoAddress_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<FormatException>(() => new LateralCopyDetector(new LateralCopyOptions { AllowedClients = ["mgmt-server"] }, 10));
        Assert.Contains("AllowedClients", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_RepeatsWithinWindow_OneAlertCountingFiles()
    {
        var alert = Assert.Single(Run(
            Copy(0, "PSEXESVC.exe"), Copy(5, "a.bat"), Copy(10, "b.ps1"), Copy(20, "c.dll"), Copy(30, "PSEXESVC.exe", share: "admin$")));

        Assert.Equal(5, alert.Count);
        Assert.Equal(Ev.T0, alert.FirstSeen);
        Assert.Equal(Ev.T0.AddSeconds(30), alert.LastSeen);
        Assert.Equal(@"10.0.0.5 copied 5 program or script files (PSEXESVC.exe, a.bat, b.ps1, …) in 30 s into \\10.0.0.9\admin$ over SMB (the way PsExec and worms start programs on another PC)", alert.Evidence);
    }

    [Fact]
    public void OnEvent_OtherServerOrShare_SeparateAlerts()
    {
        var alerts = Run(Copy(0, "a.exe"), Copy(1, "a.exe", dst: "10.0.0.10"), Copy(2, "a.exe", share: "C$"), Copy(3, "a.exe", src: "10.0.0.6"));
        Assert.Equal(4, alerts.Count);
    }

    [Fact]
    public void OnEvent_AfterQuietWindow_NewEpisodeOfTheSameAlert()
    {
        var detector = new LateralCopyDetector(new LateralCopyOptions { Window = TimeSpan.FromMinutes(10) }, 1000);
        var snapshots = new List<Alert>();
        var sink = new ListSink(snapshots);
        detector.OnEvent(Copy(0, "a.exe"), sink);
        detector.OnEvent(Copy(3600, "b.exe"), sink);
        detector.Flush(sink);

        Assert.Equal(2, snapshots.Count);
        Assert.NotEqual(snapshots[0].FirstSeen, snapshots[1].FirstSeen);
        var aggregated = Assert.Single(Ev.Run(new LateralCopyDetector(new LateralCopyOptions { Window = TimeSpan.FromMinutes(10) }, 1000),
            [Copy(0, "a.exe"), Copy(3600, "b.exe")]));
        Assert.Equal(2, aggregated.Count);
    }

    [Fact]
    public void OnEvent_ServerNamedByComputerName_AlertCarriesTheName()
    {
        var alert = Assert.Single(Run(Copy(0, "update.exe", server: "KEIRI-PC")));
        Assert.Equal("KEIRI-PC", alert.Dst!.Name);
        Assert.Contains(@"into \\KEIRI-PC\ADMIN$ (10.0.0.9)", alert.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_FloodOfRandomClients_StateBoundedAndEvictionsReported()
    {
        var detector = new LateralCopyDetector(new LateralCopyOptions(), 100);
        var alerts = new AlertAggregator();
        var random = new Random(5);
        for (var i = 0; i < 5_000; i++)
        {
            var src = new IPAddress((uint)random.Next()).ToString();
            detector.OnEvent(Copy(i * 0.01, "w.exe", src: src), alerts);
            detector.OnEvent(Copy(i * 0.01, "w.exe", src: src), alerts);
        }

        detector.Flush(alerts);
        Assert.True(detector.Stats.TrackedKeys <= 100, $"tracked {detector.Stats.TrackedKeys}");
        Assert.True(detector.Stats.Evictions >= 4_900, $"evicted {detector.Stats.Evictions}");
        // Evicted episodes were flushed with their final count, not lost.
        Assert.All(alerts.ToList(), a => Assert.Equal(2, a.Count));
        Assert.Equal(5_000, alerts.Count);
    }

    [Fact]
    public void OnEvent_OtherEventKinds_Ignored()
    {
        Assert.Empty(Run(Ev.Login(0, "10.0.0.5", "10.0.0.9", LoginProtocol.Ntlm, LoginResult.Success, "admin", 445)));
        Assert.Empty(Run(Copy(0, "a.exe") with { Flow = null }));
    }

    [Fact]
    public void DetectionOptions_Json_BindsLateralCopy()
    {
        const string json = """{ "lateralCopy": { "allowedClients": ["10.0.0.2"], "extensions": [".exe"], "window": "00:30:00" } }""";
        var options = JsonSerializer.Deserialize(json, DetectionOptionsJsonContext.Default.DetectionOptions)!;

        Assert.Equal(["10.0.0.2"], options.LateralCopy.AllowedClients);
        Assert.Equal([".exe"], options.LateralCopy.Extensions);
        Assert.Equal(TimeSpan.FromMinutes(30), options.LateralCopy.Window);
        Assert.Equal(11, new DetectionOptions().LateralCopy.Extensions.Count);
        // A section that names only the allow-list keeps the default extensions (not null).
        var partial = JsonSerializer.Deserialize("""{ "lateralCopy": { "allowedClients": ["10.0.0.2"] } }""", DetectionOptionsJsonContext.Default.DetectionOptions)!;
        Assert.Equal(11, partial.LateralCopy.Extensions.Count);
        Assert.Empty(Run(partial.LateralCopy, Copy(0, "a.exe", src: "10.0.0.2")));
        Assert.Single(Run(partial.LateralCopy, Copy(0, "a.exe", src: "10.0.0.3")));
        Assert.Equal(TimeSpan.FromHours(1), new DetectionOptions().LateralCopy.Window);
        Assert.Empty(new DetectionOptions().LateralCopy.AllowedClients);
    }

    [Fact]
    public void DetectionEngine_SmbCopyIntoAdminShare_RaisesAbnormalProcess()
    {
        var engine = new DetectionEngine();
        engine.OnEvent(Copy(0, "PSEXESVC.exe"));
        engine.Flush();
        var alert = Assert.Single(engine.Alerts.ToList());
        Assert.Equal(AlertType.AbnormalProcess, alert.Type);
        Assert.Equal(KillChainStage.Exploitation, alert.KillChain);
    }

    private sealed class ListSink(List<Alert> alerts) : IAlertSink
    {
        public void OnAlert(Alert alert) => alerts.Add(alert);
    }
}
