using System.CommandLine;
using System.CommandLine.Invocation;
using Kami.Cli.CommandLine;
using Kami.Cli.Commands;
using Kami.Cli.Output;

namespace Kami.Cli;

/// <summary>Builds the <c>kami</c> command tree; one file per command under Commands/.</summary>
internal static class KamiCli
{
    public static RootCommand Build(TextWriter output, TextWriter error, bool isTerminal) =>
        Build(new CliHost(output, error) { IsTerminal = isTerminal });

    internal static RootCommand Build(CliHost host) => Build(new CommandRunner(new GlobalOptions(), host));

    private static RootCommand Build(CommandRunner runner)
    {
        var globals = runner.Globals;
        var root = new RootCommand("KAMI: give AI agents third-party tools without trusting them. Tools run as sandboxed WebAssembly components, served over MCP.")
        {
            globals.Home, globals.Database, globals.Json,
            InstallCommand.Create(runner),
            UninstallCommand.Create(runner),
            ListCommand.Create(runner),
            InspectCommand.Create(runner),
            EnableCommand.Create(runner, enable: true),
            EnableCommand.Create(runner, enable: false),
            ValidateCommand.Create(runner),
            StatusCommand.Create(runner),
            RunCommand.Create(runner),
            ExecCommand.Create(runner),
            LogsCommand.Create(runner),
            ServeCommand.Create(runner),
            McpConfigCommand.Create(runner),
            KeygenCommand.Create(runner), SignCommand.Create(runner), VerifyCommand.Create(runner), PublishCommand.Create(runner), TrustCommand.Create(runner),
            ClientCommand.Create(runner),
            SearchCommand.Create(runner), UpdateCommand.Create(runner), PinCommand.Create(runner), RollbackCommand.Create(runner),
            InitCommand.Create(runner), BuildCommand.Create(runner), TestCommand.Create(runner), DevCommand.Create(runner),
            CacheCommand.Create(runner),
        };
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool isTerminal, CancellationToken cancellation = default) =>
        RunAsync(args, new CliHost(output, error) { IsTerminal = isTerminal }, cancellation);

    internal static Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellation = default)
    {
        var runner = new CommandRunner(new GlobalOptions(), host);
        var parse = Build(runner).Parse(args);
        // Bad input on the command line is reported as every other user error is, not by System.CommandLine's own action.
        if (parse.Action is ParseErrorAction) return Task.FromResult(runner.ReportParseErrors(parse));
        return parse.InvokeAsync(new InvocationConfiguration { Output = host.Output, Error = host.Error }, cancellation);
    }
}
