using System.Diagnostics;
using System.Text.Json;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Tools;

/// <summary>
/// The one place an <see cref="ExecutionResult"/> becomes what the MCP server reports of it: the client's result
/// (the blocks the guest added, then its output as text, plus structuredContent when the output is a JSON object; a failure as an isError result carrying its
/// message, which KAMI writes to be safe to show a model), the outcome the audit log and the metrics record, and the
/// text the audit record keeps.
/// </summary>
internal static class CallResults
{
    /// <summary>The audit and metrics outcome of a call that returned ok; a failure's outcome is its kind's name.</summary>
    public const string Ok = "ok";

    /// <summary>What the client reads when KAMI itself failed: nothing about the host, only where to look.</summary>
    public static string InternalErrorText(string toolName) =>
        $"tool {toolName} could not be run because of an internal error in KAMI; the server log has the details";

    public static CallToolResult ToCallToolResult(ExecutionResult result) => result switch
    {
        ExecutionResult.Succeeded ok => new CallToolResult { Content = ResultContent.Of(ok), StructuredContent = AsJsonObject(ok.Output) },
        ExecutionResult.Failed failed => new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = failed.Error.Message }] },
        _ => throw new UnreachableException(),
    };

    /// <summary>The outcome name the audit log and the metrics record.</summary>
    public static string OutcomeOf(ExecutionResult result) => ErrorOf(result)?.Kind.ToString() ?? Ok;

    /// <summary>The error the audit record keeps; null for a call that returned ok.</summary>
    public static ExecutionError? ErrorOf(ExecutionResult result) => (result as ExecutionResult.Failed)?.Error;

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
