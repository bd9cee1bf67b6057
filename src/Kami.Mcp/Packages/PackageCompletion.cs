using Kami.Mcp.Callers;
using Kami.Mcp.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Packages;

/// <summary>
/// <c>completion/complete</c> for the arguments of package prompts and resource templates. Packages declare no
/// suggestions yet, so a known argument completes to nothing; an unknown prompt or argument is an error, and a
/// prompt of a tool the caller may not use is unknown.
/// </summary>
internal static class PackageCompletion
{
    private static readonly CompleteResult Nothing = new() { Completion = new Completion { Values = [], Total = 0, HasMore = false } };

    public static CompleteResult Complete(RequestContext<CompleteRequestParams> request, ToolCatalog catalog)
    {
        var access = CallerClaims.Of(request.User).Tools;
        var argument = request.Params?.Argument?.Name ?? "";
        switch (request.Params?.Ref)
        {
            case PromptReference prompt:
                if (!catalog.Content!.Prompts.TryGetPrimitive(prompt.Name, out var served)
                    || PackageContentCatalog.OwnerOf(served) is not { } owner || !access.Allows(owner.Id.Value))
                    throw new McpProtocolException($"Unknown prompt: '{prompt.Name}'", McpErrorCode.InvalidParams);
                if (served.ProtocolPrompt.Arguments?.Any(a => a.Name == argument) != true)
                    throw new McpProtocolException($"prompt {prompt.Name} has no argument \"{argument}\"", McpErrorCode.InvalidParams);
                return Nothing;
            case ResourceTemplateReference template:
                if (!catalog.Content!.Resources.TryGetPrimitive(template.Uri ?? "", out var resource)
                    || PackageContentCatalog.OwnerOf(resource) is not { } resourceOwner || !access.Allows(resourceOwner.Id.Value))
                    throw new McpProtocolException($"Resource not found: '{template.Uri}'", McpErrorCode.ResourceNotFound);
                return Nothing;
            default:
                throw new McpProtocolException("completion/complete takes a ref/prompt or ref/resource reference", McpErrorCode.InvalidParams);
        }
    }
}
