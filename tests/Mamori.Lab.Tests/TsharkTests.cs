using Mamori.Lab;

namespace Mamori.Lab.Tests;

public class TsharkTests
{
    [Fact]
    public void ParseIoStatFrames_OneIntervalRow_ReturnsFramesPerColumn()
    {
        string[] output =
        [
            "| Col 1: http.request                       |",
            "|                |1               |2               |",
            "| Interval       | Frames | Bytes | Frames | Bytes |",
            "|---------------------------------------------------|",
            "| 0.000 <> 1.256 |     36 |  7586 |      0 |     0 |",
            "=====================================================",
        ];

        Assert.Equal([36, 0], Tshark.ParseIoStatFrames(output, 2));
    }

    [Fact]
    public void ParseIoStatFrames_WrongColumnCount_Throws()
    {
        string[] output = ["| 0.000 <> 1.256 |     36 |  7586 |"];

        Assert.Throws<FormatException>(() => Tshark.ParseIoStatFrames(output, 2));
    }

    [Fact]
    public void ParseIoStatFrames_NoDataRow_Throws()
    {
        Assert.Throws<FormatException>(() => Tshark.ParseIoStatFrames(["tshark: error"], 1));
    }
}
