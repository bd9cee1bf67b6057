using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Tools;

/// <summary>
/// Polls the registry's change counter (one indexed read) so that changes made by another process (a
/// `kami install` in another shell) reach the served tool list without a restart. A registry that notifies its
/// changes (PostgreSQL) wakes it at once; the poll stays as the fallback when notifications are lost.
/// </summary>
internal sealed class RegistryWatcher(ToolCatalog catalog, TimeProvider time, ILogger<RegistryWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var signal = catalog.ChangeSignal;
        // Taken before each sync, so a change made while syncing still wakes the next wait.
        var next = signal?.NextChange();
        Task<bool>? tick = null;
        while (true)
        {
            // One tick wait at a time (PeriodicTimer allows no more): a notification that wins leaves it pending for the next round.
            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            if (next is null || await Task.WhenAny(tick, next).ConfigureAwait(false) == tick)
            {
                if (!await tick.ConfigureAwait(false)) return;
                tick = null;
            }
            next = signal?.NextChange();
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
