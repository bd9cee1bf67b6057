using Kami.Mcp.Tools;

namespace Kami.Mcp.Hosting;

/// <summary>Ready once the served tool list has been read from the registry at least once (a replica that never loaded it would serve no tools).</summary>
internal sealed class CatalogReadiness(ToolCatalog catalog) : IReadinessCheck
{
    public const string NotLoaded = "tool catalog not loaded";

    public Task<string?> CheckAsync(CancellationToken cancellation) =>
        Task.FromResult(catalog.LastStamp >= 0 ? null : NotLoaded);
}
