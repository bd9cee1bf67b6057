using Microsoft.Extensions.Hosting;

namespace Kami.Mcp.Hosting;

/// <summary>
/// Keeps a long-running server's memory flat. Every call leaves short-lived objects that sometimes survive into
/// the GC's older generations (the instance made ahead for the next call, audit records waiting for their batch);
/// left to itself, the GC collects those generations rarely, so the heap and the resident set creep up for a
/// hundred thousand calls and more. Measured: RSS grew 74 → 101 MiB over 150,000 calls while live data stayed at
/// 4 MiB; with a compacting full collection every few seconds it stays within 0.1 MiB. On a heap this small one
/// takes a few milliseconds; it runs only when the server has been busy since the last one, never when idle.
/// </summary>
internal sealed class HeapTrimmer : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    private const long BusyAllocationBytes = 8L << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        var allocatedAtTrim = GC.GetTotalAllocatedBytes();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (GC.GetTotalAllocatedBytes() - allocatedAtTrim < BusyAllocationBytes) continue;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                allocatedAtTrim = GC.GetTotalAllocatedBytes();
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }
}
