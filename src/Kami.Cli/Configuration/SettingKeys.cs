namespace Kami.Cli.Configuration;

/// <summary>
/// The configuration keys, for code that reads one by name; in config.toml they are written as-is, in the environment
/// as KAMI_&lt;KEY&gt;. Their defaults and meanings are in <see cref="SettingTable"/>.
/// </summary>
internal static class SettingKeys
{
    public const string Home = "home";
    public const string Database = "db";
    public const string ReplicaId = "replica_id";
    public const string MaxConcurrency = "max_concurrency";
    public const string QueueLimit = "queue_limit";
    public const string ToolNames = "tool_names";
    public const string RateLimitPerMinute = "rate_limit_per_minute";
    public const string StateKeyFile = "state_key_file";
    public const string AuditArguments = "audit_arguments";
    public const string AuditDurable = "audit_durable";
    public const string Token = "token";
    public const string TokenFile = "token_file";
    public const string AllowedOrigins = "allowed_origins";
    public const string PoolingAllocator = "pooling_allocator";
    public const string LogLevel = "log_level";
    public const string EnvDenyList = "env_deny_list";
    public const string RequireApproval = "require_approval";
    public const string RequireSignature = "require_signature";
    public const string IndexUrl = "index_url";
    public const string MaxDownloadMb = "max_download_mb";
    public const string CacheMaxMb = "cache_max_mb";
    public const string NetAllowPrivate = "net_allow_private";
    public const string MetricsPublic = "metrics_public";
    public const string OAuthIssuer = "oauth_issuer";
    public const string OAuthAudience = "oauth_audience";
    public const string OAuthScopes = "oauth_scopes";
    public const string OAuthCallsPerMinute = "oauth_calls_per_minute";
    public const string OAuthFuelPerDay = "oauth_fuel_per_day";
}
