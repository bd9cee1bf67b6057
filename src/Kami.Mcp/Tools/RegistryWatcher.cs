using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Tools;

/// <summary>
/// Polls the registry's change counter (one indexed read) so that changes made by another process (a
/// `kami install` in another shell) reach the served tool list without a restart.
/// </summary>
internal sealed class RegistryWatcher(ToolCatalog catalog, TimeProvider time, ILogger<RegistryWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (catalog.SyncIfChanged()) ToolLog.ToolsChanged(logger, catalog.Tools.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ToolLog.RegistrySyncFailed(logger, e.Message);
            }
        }
    }
}
