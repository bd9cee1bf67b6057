using Kami.Core.Hosting;
using Kami.Core.Identity;
using Kami.Core.Tools;
using Kami.Mcp.Tools;
using Kami.Runtime.Contracts;

namespace Kami.Mcp.Hosting;

/// <summary>How <c>kami serve</c> runs: transport, names, limits and HTTP security.</summary>
public sealed record ServeOptions
{
    /// <summary>The KAMI home the server serves from (tool data directories, the token).</summary>
    public required KamiPaths Paths { get; init; }
    /// <summary>Workers, queue and size limits of the runtime that runs the calls.</summary>
    public RuntimeOptions Runtime { get; init; } = RuntimeOptions.Default;
    /// <summary>How tools are named in <c>tools/list</c>.</summary>
    public ToolNameStyle ToolNames { get; init; } = ToolNameStyle.Id;
    /// <summary>Calls per minute each tool accepts (for the fleet when <see cref="QuotaCounter"/> is shared, else a token bucket per tool id in this process); 0 or less means no limit.</summary>
    public int RateLimitPerMinute { get; init; }
    /// <summary>Whether the audit log keeps each call's arguments (off: they may hold secrets).</summary>
    public bool AuditArguments { get; init; }

    /// <summary>
    /// Whether a call answers only once its audit record is committed (<c>audit_durable</c>): then a server killed right
    /// after an answer has still logged it. Otherwise records are committed in the background, batched, just after.
    /// </summary>
    public bool AuditDurable { get; init; } = true;

    /// <summary>host:port for Streamable HTTP at /mcp; null serves stdio.</summary>
    public string? HttpEndpoint { get; init; }
    /// <summary>The bearer token HTTP clients must send; required for HTTP unless <see cref="NoAuth"/>. Unused over stdio.</summary>
    public string? Token { get; init; }

    /// <summary>The named clients (<c>kami client add</c>) whose tokens HTTP accepts beside <see cref="Token"/>; null accepts only that token.</summary>
    public IClientStore? Clients { get; init; }

    /// <summary>OAuth 2.1 access tokens accepted beside the static tokens (HTTP only); null accepts none.</summary>
    public OAuthOptions? OAuth { get; init; }

    /// <summary>Where callers' quota counters and the per-tool rate limit are kept; null keeps them in this process (a fleet passes a shared one).</summary>
    public IQuotaCounter? QuotaCounter { get; init; }

    /// <summary>Serve HTTP without a token (<c>--no-auth</c>); refused on anything but loopback.</summary>
    public bool NoAuth { get; init; }
    /// <summary>Which calls need a person's approval before their guest runs (config.toml's <c>[approval]</c>).</summary>
    public Kami.Core.Approval.ApprovalPolicy Approvals { get; init; } = Kami.Core.Approval.ApprovalPolicy.None;
    /// <summary>The file holding the key that seals request state (made there when missing); null: <c>state.key</c> in the home.</summary>
    public string? StateKeyFile { get; init; }
    /// <summary>Serve HTTP without sessions: every request stands alone (no server-to-client messages between requests).</summary>
    public bool Stateless { get; init; }
    /// <summary>Browser origins allowed besides loopback ones (exact, ignoring case; <c>*</c> allows any). Requests with no Origin are not checked.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    /// <summary>Largest HTTP request body Kestrel accepts (default 4 MiB).</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 << 20;
    /// <summary>How long running calls may finish after shutdown starts (default 10 s).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What is exported (OTLP, the Prometheus endpoint); all off by default.</summary>
    public Observability.TelemetryOptions Telemetry { get; init; } = Observability.TelemetryOptions.Off;

    /// <summary>Sees each call's input and result (<c>kami dev</c>).</summary>
    public ICallObserver? CallObserver { get; init; }

    /// <summary>The least severe entry the server log (stderr) shows; guest log lines pass the same filter.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
}
