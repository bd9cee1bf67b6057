using System.CommandLine;
using System.Text.Json;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;

namespace Kami.Cli.CommandLine;

/// <summary>The input options shared by <c>kami run</c> and <c>kami exec</c>, and how their result is printed.</summary>
internal sealed class ToolInputOptions
{
    public Option<string?> Input { get; } = new("--input", "-i") { Description = "The tool's input as JSON, e.g. '{\"text\":\"hi\"}' (default {})" };
    public Option<string?> InputFile { get; } = new Option<string?>("--input-file") { Description = "Read the input JSON from a file, or - for standard input" }
        .Accept(file => file == StandardInput || File.Exists(file), file => $"--input-file {file} does not exist");

    private const string StandardInput = "-";

    public void AddTo(Command command)
    {
        command.Add(Input);
        command.Add(InputFile);
        command.Validators.Add(result =>
        {
            if (result.GetResult(Input) is not null && result.GetResult(InputFile) is not null)
                result.AddError("give either --input or --input-file, not both");
        });
    }

    public string ReadInput(CommandContext context)
    {
        var text = context.Get(InputFile) switch
        {
            StandardInput => context.Host.Input.ReadToEnd(),
            { } file => File.ReadAllText(file),
            null => context.Get(Input) ?? "{}",
        };
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
        else
        {
            // A terminal shows no image: say what the tool added (kami:mcp/content), then its text.
            foreach (var block in ((ExecutionResult.Succeeded)result).Content) context.Output.Note("content: " + Describe(block));
            context.Output.Data(output!);
        }
        return ExitCodes.For(result);
    }

    private static string Describe(ContentBlock block) => block switch
    {
        ContentBlock.Text text => $"text, {text.Size:N0} bytes",
        ContentBlock.Media media => $"{(media.IsAudio ? "audio" : "image")} {media.MimeType}, {media.DataBase64.Length:N0} characters of base64",
        ContentBlock.Link link => $"link {link.Uri} ({link.Name})",
        ContentBlock.Embedded embedded => $"resource {embedded.Uri}{(embedded.MimeType is { } mime ? " " + mime : "")}, {embedded.Size:N0} bytes",
        _ => block.GetType().Name,
    };
}
