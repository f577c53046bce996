using System.CommandLine;

var root = new RootCommand("Mamori (守り): a cyber-security support programme for the SMEs of a region.");
root.Add(Mamori.Cli.Commands.ExtractCommand.Create());
root.Add(Mamori.Cli.Commands.AnalyzeCommand.Create());
return await root.Parse(args).InvokeAsync();
