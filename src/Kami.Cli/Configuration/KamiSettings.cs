using Kami.Core.Hosting;
using Kami.Core.Security;

namespace Kami.Cli.Configuration;

/// <summary>Every setting KAMI reads, after layering defaults (<see cref="SettingTable"/>), config.toml, KAMI_* variables and flags; only <see cref="SettingsLoader"/> makes one.</summary>
internal sealed record KamiSettings
{
    public required string Home { get; init; }
    public string? Database { get; init; }

    /// <summary>The shared registry's URI when <see cref="Database"/> is one (a fleet), else null (SQLite).</summary>
    public string? DatabaseUri => Kami.Registry.Postgres.PostgresUri.IsUri(Database) ? Database : null;

    /// <summary>This replica's name in the fleet's audit log.</summary>
    public string ReplicaId { get; init; } = "";
    public int MaxConcurrency { get; init; }
    public int QueueLimit { get; init; }
    public string ToolNames { get; init; } = "";
    public int RateLimitPerMinute { get; init; }
    public bool AuditArguments { get; init; }
    /// <summary>audit_durable as set; null when unset (then durable exactly when the audit log is shared).</summary>
    public bool? AuditDurable { get; init; }
    public string? Token { get; init; }
    public string? TokenFile { get; init; }
    public string? OAuthIssuer { get; init; }
    public string? OAuthAudience { get; init; }
    public string? OAuthScopes { get; init; }
    public long? OAuthCallsPerMinute { get; init; }
    public long? OAuthFuelPerDay { get; init; }
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    public bool PoolingAllocator { get; init; }

    /// <summary>Host variables no tool is given, on top of KAMI's own (<c>KAMI_*</c>), whatever its manifest asks.</summary>
    public EnvDenyList EnvDenyList { get; init; } = EnvDenyList.KamiOnly;

    /// <summary>Non-public networks (CIDRs) and host names tools may still reach over kami:http; none by default.</summary>
    public Kami.Core.Security.Network.PrivateNetworkAllowance NetAllowPrivate { get; init; } = Kami.Core.Security.Network.PrivateNetworkAllowance.None;

    /// <summary>Headers kami injects per tool and exact host (<c>[net_credentials."tool"."host"]</c>), values already expanded.</summary>
    public Kami.Core.Security.Network.NetCredentials NetCredentials { get; init; } = Kami.Core.Security.Network.NetCredentials.None;

    /// <summary>The operator's narrowing of tools' <c>net_allow_list</c> (<c>[net_allow_list]</c>): intersected, never widened.</summary>
    public Kami.Core.Security.Network.OperatorAllowLists NetAllowLists { get; init; } = Kami.Core.Security.Network.OperatorAllowLists.None;

    /// <summary>Without a terminal, install a tool that asks for any capability only with <c>--yes</c>.</summary>
    public bool RequireApproval { get; init; }

    /// <summary>Refuse unsigned tools and tools signed by a key not in <c>kami trust list</c>, at install and at load.</summary>
    public bool RequireSignature { get; init; }

    /// <summary>The registry index (the Rust KAMI's JSON format) for <c>kami search</c> and install by id.</summary>
    public string? IndexUrl { get; init; }

    /// <summary>The most a download (a package, the index) may be; a larger one is refused while it downloads.</summary>
    public int MaxDownloadMb { get; init; }

    /// <summary>The least severe server-log entry <c>kami serve</c> writes to stderr (guest logs included).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; }

    /// <summary>The most the compiled cache keeps on disk, in MiB; 0 turns it off (every process compiles its tools).</summary>
    public int CacheMaxMb { get; init; }

    /// <summary>Serve the HTTP server's /metrics without the bearer token (a scraper on a private network).</summary>
    public bool MetricsPublic { get; init; }

    public KamiPaths Paths => KamiPaths.ForHome(Home, DatabaseUri is null ? Database : null);

    public string? CompiledCacheDirectory => CacheMaxMb > 0 ? Paths.Cache : null;

    public long CompiledCacheMaxBytes => (long)CacheMaxMb << 20;

    /// <summary>Which calls need a person's approval before their guest runs (<c>[approval]</c>).</summary>
    public Kami.Core.Approval.ApprovalPolicy Approvals { get; init; } = Kami.Core.Approval.ApprovalPolicy.None;

    /// <summary>The file holding the key that seals request state; null: <c>state.key</c> in the home.</summary>
    public string? StateKeyFile { get; init; }
}
