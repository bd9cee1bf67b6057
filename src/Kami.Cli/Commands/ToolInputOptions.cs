using System.CommandLine;
using System.Text.Json;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Runtime.Execution;

namespace Kami.Cli.Commands;

/// <summary>The input options shared by <c>kami run</c> and <c>kami exec</c>, and how their result is printed.</summary>
internal sealed class ToolInputOptions
{
    public Option<string?> Input { get; } = new("--input", "-i") { Description = "The tool's input as JSON, e.g. '{\"text\":\"hi\"}' (default {})" };
    public Option<string?> InputFile { get; } = new("--input-file") { Description = "Read the input JSON from a file, or - for standard input" };

    public void AddTo(Command command)
    {
        command.Add(Input);
        command.Add(InputFile);
    }

    public string ReadInput(CommandContext context)
    {
        var inline = context.Get(Input);
        var file = context.Get(InputFile);
        if (inline is not null && file is not null)
            throw new KamiException(ErrorKind.InvalidInput, "give either --input or --input-file, not both");
        string text;
        if (file == "-") text = Console.In.ReadToEnd();
        else if (file is not null)
        {
            if (!File.Exists(file)) throw new KamiException(ErrorKind.InvalidInput, $"--input-file {file} does not exist");
            text = File.ReadAllText(file);
        }
        else text = inline ?? "{}";
        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new KamiException(ErrorKind.InvalidInput, $"the input is not valid JSON ({e.Message}); pass an object such as '{{\"text\":\"hi\"}}'");
        }
        return text;
    }

    public static int Print(CommandContext context, ExecutionResult result)
    {
        var error = (result as ExecutionResult.Failed)?.Error;
        var output = (result as ExecutionResult.Succeeded)?.Output;
        if (context.Json)
        {
            context.Output.Json(new ExecJson(error is null, output, error?.Message, error?.Kind.ToString(),
                Math.Round(result.Metrics.Duration.TotalMilliseconds, 3), result.Metrics.FuelUsed, result.Metrics.MemoryLimitBytes,
                result.Metrics.HttpRequests, result.Metrics.HttpBytesSent, result.Metrics.HttpBytesReceived),
                CliJsonContext.Relaxed.ExecJson);
        }
        else if (error is not null) context.Output.Error(error.Message);
        else context.Output.Data(output!);
        return ExitCodes.For(result);
    }
}
