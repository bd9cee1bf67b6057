namespace Kami.Mcp.Hosting;

/// <summary>
/// One condition <c>/readyz</c> waits for before a balancer or Kubernetes sends this replica traffic. Every registered
/// check must pass; add one with <c>services.AddSingleton&lt;IReadinessCheck, T&gt;()</c>.
/// </summary>
public interface IReadinessCheck
{
    /// <summary>Null when ready; else what is not ready, in a few words safe to show an unauthenticated prober (no host, path or secret).</summary>
    Task<string?> CheckAsync(CancellationToken cancellation);
}
