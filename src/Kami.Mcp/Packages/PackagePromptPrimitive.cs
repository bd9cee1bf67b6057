using System.Text;
using System.Text.Json;
using Kami.Core.Registry;
using Kami.Core.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Packages;

/// <summary>
/// One <c>[[prompts]]</c> entry of an installed package as an MCP prompt: its messages (an image, an embedded resource,
/// then the text) with the caller's arguments put in for the <c>{name}</c> placeholders. Nothing runs and nothing is
/// read: the content is what the package shipped.
/// </summary>
internal sealed class PackagePromptPrimitive(InstalledTool tool, PackagePrompt prompt, string name) : McpServerPrompt
{
    public const int MaxArgumentChars = 64 * 1024;

    public InstalledTool Installed { get; } = tool;

    public override Prompt ProtocolPrompt { get; } = new()
    {
        Name = name,
        Description = prompt.Description,
        Arguments = [.. prompt.Arguments.Select(a => new PromptArgument { Name = a, Required = true })],
    };

    public override IReadOnlyList<object> Metadata => [];

    public override ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in prompt.Arguments)
        {
            if (request.Params?.Arguments?.TryGetValue(argument, out var value) != true)
                throw new McpProtocolException($"prompt {name} needs the argument \"{argument}\"", McpErrorCode.InvalidParams);
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            if (text.Length > MaxArgumentChars)
                throw new McpProtocolException($"argument \"{argument}\" of prompt {name} is over {MaxArgumentChars / 1024} KiB", McpErrorCode.InvalidParams);
            values[argument] = text;
        }
        if (prompt.Ask is { } ask) values[ask.Field] = Asked(request, ask);
        var messages = new List<PromptMessage>();
        if (prompt.Image is { } image)
            messages.Add(new PromptMessage { Role = Role.User, Content = new ImageContentBlock { MimeType = image.MimeType, Data = Encoding.ASCII.GetBytes(image.Base64) } });
        if (prompt.Resource is { } resource)
        {
            var uri = Fill(resource.Uri, values);
            if (ClientContent.UriProblem(uri) is { } why) throw new McpProtocolException($"the resource URI \"{uri}\" of prompt {name} {why}", McpErrorCode.InvalidParams);
            messages.Add(new PromptMessage
            {
                Role = Role.User,
                Content = new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = uri, MimeType = resource.MimeType, Text = Fill(resource.Text, values) } },
            });
        }
        messages.Add(new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = Fill(prompt.Text, values) } });
        return ValueTask.FromResult(new GetPromptResult { Description = prompt.Description, Messages = messages });
    }

    /// <summary>
    /// The user's answer to the prompt's question: from the retry's input responses, or asked for now (MCP's input
    /// requests; the SDK asks a 2025-11-25 client on a session itself). A decline gives an empty value.
    /// </summary>
    private string Asked(RequestContext<GetPromptRequestParams> request, (string Message, string Field) ask)
    {
        if (request.Params?.InputResponses?.TryGetValue(ask.Field, out var response) == true)
        {
            var answer = response.RawValue;
            if (answer.ValueKind != JsonValueKind.Object)
                throw new McpProtocolException($"inputResponses.{ask.Field} must be an object: the client's elicitation result", McpErrorCode.InvalidParams);
            if (Input.ElicitAnswer.TryAccepted(answer, ask.Field, out var value))
            {
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                return text.Length <= MaxArgumentChars ? text
                    : throw new McpProtocolException($"the answer for \"{ask.Field}\" of prompt {name} is over {MaxArgumentChars / 1024} KiB", McpErrorCode.InvalidParams);
            }
            return "";
        }
        if (!Input.ClientInput.Of(request).Methods.Contains(Input.ClientInput.Elicitation))
            throw new McpProtocolException($"prompt {name} asks the user for \"{ask.Field}\", and this client did not declare elicitation", McpErrorCode.MissingRequiredClientCapability);
        var question = new ElicitRequestParams
        {
            Message = ask.Message,
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition> { [ask.Field] = new ElicitRequestParams.StringSchema() },
                Required = [ask.Field],
            },
        };
        throw new InputRequiredException(new Dictionary<string, InputRequest> { [ask.Field] = InputRequest.ForElicitation(question) }, null);
    }

    /// <summary>Puts each argument in for its <c>{name}</c>; other braces stay as written.</summary>
    private static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = template;
        foreach (var (key, value) in values) text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        return text;
    }
}
