using System.Buffers.Binary;
using System.CommandLine;
using System.Text.Json;
using Mamori.Cli.Commands;

namespace Mamori.Cli.Tests.Commands;

public sealed class ExtractCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mamori-extract-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A pcap with one UDP datagram 10.0.0.1:5000 -> 10.0.0.2:53 per record.</summary>
    private static byte[] Pcap(int records)
    {
        byte[] frame =
        [
            2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
            0x45, 0, 0, 31, 0, 1, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
            0x13, 0x88, 0, 53, 0, 11, 0, 0, 0x61, 0x62, 0x63,
        ];
        var file = new byte[24 + (records * (16 + frame.Length))];
        BinaryPrimitives.WriteUInt32LittleEndian(file, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(20), 1);
        for (var i = 0; i < records; i++)
        {
            var at = 24 + (i * (16 + frame.Length));
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at), 1_767_225_600 + (uint)i);
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at + 8), (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at + 12), (uint)frame.Length);
            frame.CopyTo(file, at + 16);
        }

        return file;
    }

    private (int ExitCode, string Error, string[] Lines) Extract(byte[] capture)
    {
        var input = Path.Combine(_directory, "in.pcap");
        var output = Path.Combine(_directory, "out.jsonl");
        File.WriteAllBytes(input, capture);
        var root = new RootCommand { ExtractCommand.Create() };
        var error = new StringWriter();
        var exitCode = root.Parse(["extract", input, "--out", output, "--uid-seed", "9"]).Invoke(new InvocationConfiguration { Error = error, Output = new StringWriter() });
        var lines = File.Exists(output) ? File.ReadAllLines(output) : [];
        return (exitCode, error.ToString(), lines);
    }

    /// <summary>
    /// As a user runs it: <c>mamori extract</c> starts itself again with tiered compilation off
    /// (<see cref="BatchRuntime"/>); the child's standard output reaches the caller's pipe and its exit code is passed on.
    /// </summary>
    [Fact]
    public async Task Extract_AsAProcess_RestartedChildWritesToTheCallersPipeAndPassesOnTheExitCode()
    {
        var good = Path.Combine(_directory, "good.pcap");
        var bad = Path.Combine(_directory, "bad.pcap");
        File.WriteAllBytes(good, Pcap(3));
        File.WriteAllText(bad, "not a capture");

        async Task<(int ExitCode, string Output, string Error)> RunAsync(string capture)
        {
            var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "mamori.dll"), "extract", capture, "--uid-seed", "9" })
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment.Remove("DOTNET_TieredCompilation");
            using var process = System.Diagnostics.Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }

        var ok = await RunAsync(good);
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Equal("conn", JsonDocument.Parse(ok.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single()).RootElement.GetProperty("kind").GetString());

        var failed = await RunAsync(bad);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("not a pcap or pcapng file", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ValidCapture_WritesZeekLikeJsonLinesAndSummary()
    {
        var (exitCode, error, lines) = Extract(Pcap(3));

        Assert.Equal(0, exitCode);
        var conn = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Equal("conn", conn.GetProperty("kind").GetString());
        Assert.Equal("10.0.0.1", conn.GetProperty("id.orig_h").GetString());
        Assert.Equal(5000, conn.GetProperty("id.orig_p").GetInt32());
        Assert.Equal("10.0.0.2", conn.GetProperty("id.resp_h").GetString());
        Assert.Equal(53, conn.GetProperty("id.resp_p").GetInt32());
        Assert.Equal("udp", conn.GetProperty("proto").GetString());
        Assert.Equal(3, conn.GetProperty("orig_pkts").GetInt32());
        Assert.Equal(9, conn.GetProperty("orig_bytes").GetInt32());
        Assert.Equal(1_767_225_600m, conn.GetProperty("ts").GetDecimal());
        Assert.StartsWith("C", conn.GetProperty("uid").GetString(), StringComparison.Ordinal);
        Assert.Contains("packets 3,", error, StringComparison.Ordinal);
        Assert.Contains("conn 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_NotACapture_FailsWithOffset()
    {
        var (exitCode, error, _) = Extract("this is not a capture file"u8.ToArray());

        Assert.Equal(1, exitCode);
        Assert.Contains("offset 0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_CorruptRecordAmongGoodOnes_ReportsOffsetAndSucceeds()
    {
        var capture = Pcap(4);
        var second = 24 + 16 + 45;
        BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(second + 8), 0x7FFFFFFF);

        var (exitCode, error, lines) = Extract(capture);

        Assert.Equal(0, exitCode);
        Assert.Contains($"offset {second}", error, StringComparison.Ordinal);
        Assert.Equal(3, JsonDocument.Parse(Assert.Single(lines)).RootElement.GetProperty("orig_pkts").GetInt32());
    }

    [Fact]
    public void Extract_OnlyGarbageAfterHeader_ExitsNonZero()
    {
        var capture = Pcap(0).Concat(Enumerable.Repeat((byte)0xEE, 200)).ToArray();

        var (exitCode, error, _) = Extract(capture);

        Assert.Equal(1, exitCode);
        Assert.Contains("no packet could be read", error, StringComparison.Ordinal);
    }
}
