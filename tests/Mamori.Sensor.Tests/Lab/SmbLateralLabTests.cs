using Mamori.Lab;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Events;
using Mamori.Sensor.Inputs;
using Mamori.Sensor.Pipeline;
using Xunit.Abstractions;

namespace Mamori.Sensor.Tests.Lab;

/// <summary>
/// The smb-lateral scenario (smbclient copying into Samba's ADMIN$ and an ordinary share): the SMB2
/// TREE_CONNECT/CREATE parser against tshark's dissection, and the lateral-copy rule end to end.
/// </summary>
public class SmbLateralLabTests(ITestOutputHelper output)
{
    // CREATE requests that ask for write access or create content, on any tree (tshark's view of the parser's rule).
    private const string WritingCreates = "smb2.cmd == 5 && smb2.flags.response == 0 && smb.nt.create_options.directory == 0"
        + " && (smb.access.write == 1 || smb.access.append == 1 || smb.access.generic_write == 1 || smb.access.generic_all == 1"
        + " || (smb2.create.disposition != 1 && smb2.create.disposition != 3))";

    [LabFact("smb-lateral", Tools = ["tshark:tshark"])]
    public void Extract_SmbLateral_TreesAndWrittenFileNamesAgreeWithTshark()
    {
        var capture = LabCaptures.Get("smb-lateral");
        var errors = new List<InputError>();
        var files = new SensorPipeline().ReadFile(capture.PcapPath, errors).OfType<SmbFileEvent>().ToList();
        Assert.Empty(errors);
        output.WriteLine(string.Join("\n", files.Select(f => $"{f.Action} {f.Path} {f.Name} {f.Succeeded} {f.Status}")));

        var tshark = Tshark.Fields(capture.PcapPath, WritingCreates + " && smb2.share_type == 0x01", "smb2.tree", "smb2.filename")
            .Select(f => f[0] + "|" + f[1]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, tshark.Count);
        Assert.Equal(tshark, files.Select(f => f.Path + "|" + f.Name).Order(StringComparer.Ordinal));
        // Every CREATE tshark sees is on a tree the parser knew; the read and the IPC$ opens were left out.
        var allCreates = Tshark.Fields(capture.PcapPath, "smb2.cmd == 5 && smb2.flags.response == 0", "smb2.filename");
        Assert.Contains(allCreates, f => f[0] == "tool.exe");
        Assert.DoesNotContain(files, f => f.Name == "tool.exe");
        Assert.All(files, f => Assert.Equal((SmbFileAction.Create, (bool?)true, "0x00000000"), (f.Action, f.Succeeded, f.Status)));
        Assert.Equal(["ADMIN$", "share"], files.Select(f => f.Share).Order(StringComparer.Ordinal));
    }

    [LabFact("smb-lateral")]
    public void Analyze_SmbLateral_OneHighAbnormalProcessForTheProgramOnly()
    {
        var analysis = LabAnalysis.Of("smb-lateral");
        output.WriteLine(analysis.Describe());
        var truth = analysis.Capture.Truth;

        var alert = Assert.Single(analysis.Alerts, a => a.Type == AlertType.AbnormalProcess);
        Assert.Equal(AlertSeverity.High, alert.Severity);
        Assert.Equal(truth.Hosts["client"], alert.Src.Ip);
        Assert.Equal((truth.Hosts["pc2"], (int?)445), (alert.Dst!.Ip, alert.Dst.Port));
        Assert.Equal(1, alert.Count);
        Assert.Equal($@"{truth.Hosts["client"]} copied update.exe into \\{truth.Hosts["pc2"]}\ADMIN$ over SMB (the way PsExec and worms start programs on another PC)", alert.Evidence);
        // Everything reported is expected (the administrator's logon is the other alert).
        Assert.All(analysis.Alerts, a => Assert.Equal(AlertVerdict.Expected, LabAlertMatcher.Judge(a, truth, analysis.Lookups)));
    }
}
