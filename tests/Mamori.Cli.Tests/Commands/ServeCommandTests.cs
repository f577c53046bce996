using Mamori.Cli.Commands;

namespace Mamori.Cli.Tests.Commands;

public sealed class ServeCommandTests
{
    [Fact]
    public void Parse_HostConfigurationArguments_ArePassedThroughUnparsed()
    {
        var result = ServeCommand.Create().Parse(["--urls=http://127.0.0.1:9000", "--ConnectionStrings:Postgres=Host=db"]);

        Assert.Empty(result.Errors);
        Assert.Equal(["--urls=http://127.0.0.1:9000", "--ConnectionStrings:Postgres=Host=db"], result.UnmatchedTokens);
    }
}
