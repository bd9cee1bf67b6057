using Kami.Core.Identity;
using Kami.Mcp.Callers;
using Kami.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Packages;

/// <summary>
/// Prompts and resources follow their tool's access: a caller lists only those of the tools it may use, and one it
/// may not use is unknown to it, in the words the SDK uses for a name or URI no package serves.
/// </summary>
internal static class PackageAccessFilters
{
    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddListPromptsFilter(next => async (context, cancellation) =>
        {
            var result = Cached(await next(context, cancellation).ConfigureAwait(false));
            var access = CallerClaims.Of(context.User).Tools;
            if (ReferenceEquals(access, ToolAccess.All)) return result;
            var content = Content(context.Services);
            result.Prompts = [.. result.Prompts.Where(p => content.Prompts.TryGetPrimitive(p.Name, out var served) && Allows(access, served))];
            return result;
        });
        filters.AddGetPromptFilter(next => async (context, cancellation) =>
        {
            if (!Allows(CallerClaims.Of(context.User).Tools, context.MatchedPrimitive))
                throw new McpProtocolException($"Unknown prompt: '{context.Params?.Name}'", McpErrorCode.InvalidParams);
            return await next(context, cancellation).ConfigureAwait(false);
        });
        filters.AddListResourcesFilter(next => async (context, cancellation) =>
        {
            var result = Cached(await next(context, cancellation).ConfigureAwait(false));
            var access = CallerClaims.Of(context.User).Tools;
            if (ReferenceEquals(access, ToolAccess.All)) return result;
            var content = Content(context.Services);
            result.Resources = [.. result.Resources.Where(r => content.Resources.TryGetPrimitive(r.Uri, out var served) && Allows(access, served))];
            return result;
        });
        filters.AddListResourceTemplatesFilter(next => async (context, cancellation) =>
        {
            var result = Cached(await next(context, cancellation).ConfigureAwait(false));
            var access = CallerClaims.Of(context.User).Tools;
            if (ReferenceEquals(access, ToolAccess.All)) return result;
            var content = Content(context.Services);
            result.ResourceTemplates = [.. result.ResourceTemplates.Where(r => content.Resources.TryGetPrimitive(r.UriTemplate, out var served) && Allows(access, served))];
            return result;
        });
        filters.AddReadResourceFilter(next => async (context, cancellation) =>
        {
            if (!Allows(CallerClaims.Of(context.User).Tools, context.MatchedPrimitive))
                throw new McpProtocolException($"Resource not found: '{context.Params?.Uri}'", McpErrorCode.ResourceNotFound);
            return await next(context, cancellation).ConfigureAwait(false);
        });
    }

    // The same hints as tools/list: the lists depend on the caller, and change when the registry does.
    private static T Cached<T>(T result) where T : ModelContextProtocol.Protocol.ICacheableResult
    {
        result.TimeToLive = Hosting.KamiMcpServices.ToolListTimeToLive;
        result.CacheScope = ModelContextProtocol.Protocol.CacheScope.Private;
        return result;
    }

    private static PackageContentCatalog Content(IServiceProvider? services) => services!.GetRequiredService<ToolCatalog>().Content!;

    // A primitive no package serves (null) goes on: the SDK answers it as unknown itself.
    private static bool Allows(ToolAccess access, IMcpServerPrimitive? primitive) =>
        PackageContentCatalog.OwnerOf(primitive) is not { } tool || access.Allows(tool.Id.Value);
}
