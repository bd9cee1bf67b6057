using System.Text;
using System.Text.Json;
using Kami.Core.Approval;
using Kami.Core.Registry;
using Kami.Core.Security;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Input;

/// <summary>
/// Human approval of sensitive calls: which calls need it (<see cref="ApprovalPolicy"/>), the elicitation that shows
/// a person the tool, what it may do and the exact arguments, and how the answer reads. The approval is bound to the
/// arguments, the caller and the tool version by the sealed state that carries it.
/// </summary>
internal static class ApprovalGate
{
    /// <summary>The input request key of an approval; guests cannot use keys starting with "kami".</summary>
    public const string Key = "kami_approval";
    private const string Field = "approve";
    private const int MaxArgumentsShown = 4 * 1024;

    public static InputRequest Request(InstalledTool tool, string arguments, EnvDenyList denied)
    {
        var text = new StringBuilder()
            .Append("Approve a call of ").Append(tool.Manifest.Name).Append(" (").Append(tool.Id.Value).Append(' ').Append(tool.Manifest.Version).AppendLine(")?")
            .AppendLine();
        foreach (var line in CapabilitySummary.Of(tool.Manifest.Security, denied).Describe(null)) text.Append("  ").AppendLine(line);
        text.AppendLine().Append("arguments: ").Append(arguments.Length <= MaxArgumentsShown ? arguments : arguments[..MaxArgumentsShown] + "… (cut)");
        var request = new ElicitRequestParams
        {
            Message = text.ToString(),
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                {
                    [Field] = new ElicitRequestParams.BooleanSchema { Title = "Run this call", Description = "Run the tool with exactly these arguments" },
                },
                Required = [Field],
            },
        };
        return InputRequest.ForElicitation(request);
    }

    /// <summary>True only for an accepting answer that says yes; a decline, a cancel or anything else is no.</summary>
    public static bool Approves(JsonElement answer) =>
        ElicitAnswer.TryAccepted(answer, Field, out var approve) && approve.ValueKind == JsonValueKind.True;
}
