using Kami.Cli;

return await KamiCli.RunAsync(args, Console.Out, Console.Error, !Console.IsOutputRedirected);
