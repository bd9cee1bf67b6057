using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Installing;
using Kami.Cli.Running;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Commands;

/// <summary><c>kami exec</c>: run an installed tool under the policy and integrity pin recorded at install.</summary>
internal static class ExecCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = ToolIdArgument.Create();
        var io = new ToolInputOptions();
        var command = new Command("exec", "Run an installed tool under its recorded policy") { id };
        io.AddTo(command);
        runner.SetAction(command, async (context, cancellation) =>
        {
            var toolId = context.Get(id);
            var input = io.ReadInput(context);
            var tool = InstalledTools.Require(context, toolId);
            if (!tool.Enabled)
                throw new KamiException(ErrorKind.ToolDisabled, $"tool {toolId} is disabled; enable it with `kami enable {toolId}`");
            using var runtime = context.NewOneShotRuntime();
            var request = ExecutionRequest.For(tool, input, context.Settings.Paths, new StderrLogSink(context.Output.Err));
            var result = await runtime.ExecuteAsync(request, cancellation);
            return ToolInputOptions.Print(context, result);
        });
        return command;
    }
}
