using Kami.Core.Hosting;
using Kami.Core.Identity;
using Kami.Core.Registry;
using Kami.Mcp.Observability;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Tools;

/// <summary>What every served tool shares: the runtime, where data lives, limits, metrics and the audit log.</summary>
internal sealed record ToolServices(
    IToolExecutor Executor,
    KamiPaths Paths,
    ToolRateLimiter RateLimiter,
    KamiMetrics Metrics,
    GroupCommitAuditLog? AuditLog,
    bool AuditArguments,
    string Transport,
    ILoggerFactory LoggerFactory,
    TimeProvider Time)
{
    /// <summary>Shown every call with its output (<c>kami dev</c>); null when serving normally.</summary>
    public ICallObserver? CallObserver { get; init; }

    /// <summary>Holds callers to their quotas.</summary>
    public required QuotaGate Quotas { get; init; }

    /// <summary>Input requests and approvals across a call's rounds; null where calls cannot ask (nothing seals state).</summary>
    public Input.InputRounds? Input { get; init; }
}
