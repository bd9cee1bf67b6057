using Kami.Core.Registry;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Hosting;

/// <summary>
/// Ready when the registry answers within <see cref="Timeout"/>: through <see cref="IRegistryReachability"/> when the
/// registry offers it, else one <see cref="IToolRegistry.ChangeStamp"/>. The store's own error goes to the server log
/// (once per change of state), never to the prober.
/// </summary>
internal sealed class RegistryReadiness(IToolRegistry registry, ILogger<RegistryReadiness> logger) : IReadinessCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public const string Unreachable = "registry unreachable";

    private int _failing;

    public async Task<string?> CheckAsync(CancellationToken cancellation)
    {
        try
        {
            // ChangeStamp is synchronous and may block on a dead connection: off the request thread, and bounded.
            var probe = registry is IRegistryReachability reachability
                ? reachability.CheckReachableAsync(cancellation)
                : Task.Run(registry.ChangeStamp, cancellation);
            await probe.WaitAsync(Timeout, cancellation).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _failing, 0) == 1) ReadinessLog.RegistryBack(logger);
            return null;
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
                ReadinessLog.RegistryUnreachable(logger, e is TimeoutException ? $"no answer within {Timeout.TotalSeconds:0} s" : e.Message);
            return Unreachable;
        }
    }
}
