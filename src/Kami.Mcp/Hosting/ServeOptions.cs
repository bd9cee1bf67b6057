using Kami.Core.Hosting;
using Kami.Core.Tools;
using Kami.Mcp.Tools;
using Kami.Runtime.Execution;

namespace Kami.Mcp.Hosting;

/// <summary>How <c>kami serve</c> runs: transport, names, limits and HTTP security.</summary>
public sealed record ServeOptions
{
    public required KamiPaths Paths { get; init; }
    public RuntimeOptions Runtime { get; init; } = RuntimeOptions.Default;
    public ToolNameStyle ToolNames { get; init; } = ToolNameStyle.Id;
    public int RateLimitPerMinute { get; init; }
    public bool AuditArguments { get; init; }

    /// <summary>host:port for Streamable HTTP at /mcp; null serves stdio.</summary>
    public string? HttpEndpoint { get; init; }
    public string? Token { get; init; }

    /// <summary>Serve HTTP without a token (<c>--no-auth</c>); refused on anything but loopback.</summary>
    public bool NoAuth { get; init; }
    public bool Stateless { get; init; }
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    public long MaxRequestBodyBytes { get; init; } = 4 << 20;
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sees each call's input and result (<c>kami dev</c>).</summary>
    public ICallObserver? CallObserver { get; init; }

    /// <summary>The least severe entry the server log (stderr) shows; guest log lines pass the same filter.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
}
