using Kami.Core.Registry;
using Kami.Core.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Packages;

/// <summary>
/// The prompts and resources of the served packages, rebuilt whenever the served tools change. Prompts are named
/// like tools (the tool's served name, then the prompt's), so two packages never collide; a resource URI another
/// package already serves is skipped with a warning (first by tool id wins), never swapped silently.
/// </summary>
internal sealed class PackageContentCatalog(ILogger logger)
{
    public McpServerPrimitiveCollection<McpServerPrompt> Prompts { get; } = new(StringComparer.Ordinal);

    public McpServerResourceCollection Resources { get; } = new();

    /// <summary>The served name of a package's prompt: the tool's name, a separator, the prompt's name.</summary>
    public static string PromptName(ToolId id, string prompt, ToolNameStyle style) => style == ToolNameStyle.Id
        ? $"{id.Value}.{prompt}"
        : $"{ToolNaming.NameOf(id, style)}_{prompt.Replace('.', '_')}";

    public void Rebuild(IEnumerable<InstalledTool> served, ToolNameStyle style)
    {
        var prompts = new List<McpServerPrompt>();
        var resources = new List<McpServerResource>();
        var promptNames = new HashSet<string>(StringComparer.Ordinal);
        var uris = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tool in served.OrderBy(t => t.Id.Value, StringComparer.Ordinal))
        {
            foreach (var prompt in tool.Manifest.Prompts)
            {
                var name = PromptName(tool.Id, prompt.Name, style);
                if (promptNames.Add(name)) prompts.Add(new PackagePromptPrimitive(tool, prompt, name));
                else PackageLog.Collision(logger, tool.Id.Value, "prompt", name);
            }
            foreach (var resource in tool.Manifest.Resources)
            {
                if (uris.Add(resource.Uri)) resources.Add(new PackageResourcePrimitive(tool, resource));
                else PackageLog.Collision(logger, tool.Id.Value, "resource", resource.Uri);
            }
        }
        using (Prompts.DeferChangedEvents())
        {
            Prompts.Clear();
            foreach (var prompt in prompts) Prompts.Add(prompt);
        }
        using (Resources.DeferChangedEvents())
        {
            Resources.Clear();
            foreach (var resource in resources) Resources.Add(resource);
        }
    }

    /// <summary>The installed tool that serves a prompt or resource, for the caller's access check.</summary>
    public static InstalledTool? OwnerOf(IMcpServerPrimitive? primitive) => primitive switch
    {
        PackagePromptPrimitive prompt => prompt.Installed,
        PackageResourcePrimitive resource => resource.Installed,
        _ => null,
    };
}

internal static partial class PackageLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "{Tool}: {Kind} {Name} is already served by another package; this one is not served")]
    public static partial void Collision(ILogger logger, string tool, string kind, string name);
}
