using System.Text.Json;
using Kami.Core.Errors;
using Kami.Runtime.Execution;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Tools;

/// <summary>
/// The one place an <see cref="ExecutionResult"/> becomes an MCP result: output as text plus structuredContent when it
/// is a JSON object; a failure as an isError result carrying its message, which KAMI writes to be safe to show a model.
/// </summary>
internal static class CallResults
{
    /// <summary>What the client reads when KAMI itself failed: nothing about the host, only where to look.</summary>
    public static string InternalErrorText(string toolName) =>
        $"tool {toolName} could not be run because of an internal error in KAMI; the server log has the details";

    public static CallToolResult ToCallToolResult(ExecutionResult result)
    {
        if (!result.Ok)
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = result.Error ?? "the tool failed" }] };
        var output = result.Output ?? "";
        return new CallToolResult { Content = [new TextContentBlock { Text = output }], StructuredContent = AsJsonObject(output) };
    }

    /// <summary>The outcome name the audit log and the metrics record.</summary>
    public static string OutcomeOf(ExecutionResult result) => result.Ok ? "ok" : result.ErrorKind?.ToString() ?? nameof(ErrorKind.Internal);

    private static JsonElement? AsJsonObject(string output)
    {
        if (output.Length == 0 || output[0] != '{') return null;
        try
        {
            using var document = JsonDocument.Parse(output);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
