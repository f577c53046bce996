using System.CommandLine;
using Mamori.Cli;
using Mamori.Cli.Commands;

if (BatchRuntime.ShouldRestart(args))
{
    return await BatchRuntime.RestartAsync(args);
}

var root = new RootCommand("Mamori (守り): a cyber-security support programme for the SMEs of a region.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(SensorCommand.Create());
return await root.Parse(args).InvokeAsync();
