using Kami.Cli;

return await KamiCli.RunAsync(args, CliHost.FromConsole());
