using System.Globalization;
using Kami.Core.Tools;
using Kami.Packaging.Distribution;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Configuration;

/// <summary>
/// Every top-level setting, once: <see cref="SettingsLoader"/> layers over these defaults and accepts these keys,
/// <c>kami status</c> lists them in this order, and a test holds README.md's settings table to these rows.
/// Defaults that a component enforces (the runtime's, the downloader's) are read from that component, not restated.
/// </summary>
internal static class SettingTable
{
    /// <summary>What an environment variable's name starts with to set a setting.</summary>
    public const string EnvPrefix = "KAMI_";

    public static readonly IReadOnlyList<Setting> All =
    [
        new(SettingKeys.Home, Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kami"),
            "registry, installed tools (`tools/<id>/<version>/<sha>`), tool data (`data/<id>`)") { DocumentedDefault = "~/.kami" },
        new(SettingKeys.Database, null,
            "the SQLite registry (WAL; several processes may use it at once), or a `postgresql://user@host:port/db` URI shared by a fleet "
            + "(password from `PGPASSWORD` or `~/.pgpass`; see docs/deployment.md)") { DocumentedDefault = "<home>/registry.db" },
        new(SettingKeys.ReplicaId, null, "this machine's name in a fleet's shared audit log (`kami logs`)") { DocumentedDefault = "the host name" },
        new(SettingKeys.MaxConcurrency, Number(RuntimeOptions.Default.MaxConcurrency), "tool calls running at once") { DocumentedDefault = "CPU count (≥ 2)" },
        new(SettingKeys.QueueLimit, Number(RuntimeOptions.Default.QueueLimit), "calls waiting for a worker before \"busy\""),
        new(SettingKeys.ToolNames, ToolNaming.StyleName(ToolNameStyle.Id), "`id` or `underscore` (below)"),
        new(SettingKeys.RateLimitPerMinute, "0", "calls per tool per minute (for the whole fleet when db is a PostgreSQL URI)") { DocumentedDefault = "0 (off)" },
        new(SettingKeys.AuditArguments, "false", "keep call arguments in the audit log"),
        new(SettingKeys.AuditDurable, null,
            "a call answers only once its audit record is committed, so a killed server loses no record of an answered call (costs a commit per call)")
            { DocumentedDefault = "true with a PostgreSQL db (a fleet), false with SQLite" },
        new(SettingKeys.TokenFile, null, "the file holding the bearer token for HTTP (at least 32 characters)") { DocumentedDefault = "<home>/token, created once" },
        new(SettingKeys.Token, null, "the bearer token itself, instead of a file (`kami status` does not show it)") { Shown = false },
        new(SettingKeys.StateKeyFile, null,
            "the key (32 random bytes, base64) that seals the state a call carries between input requests and approvals; every replica of a fleet needs the same one")
            { DocumentedDefault = "<home>/state.key, created once" },
        new(SettingKeys.AllowedOrigins, null, "browser origins allowed over HTTP (comma-separated)") { DocumentedDefault = "loopback only" },
        new(SettingKeys.OAuthIssuer, null,
            "an OAuth 2.1 issuer whose access tokens `kami serve --http` accepts beside the static tokens (https://, or http:// on loopback only)"),
        new(SettingKeys.OAuthAudience, null, "this server's resource URI: the audience (`aud`) an access token must name; required with `oauth_issuer`"),
        new(SettingKeys.OAuthScopes, null,
            "which tools each OAuth scope grants: `scope=patterns` pairs separated by `;` (e.g. `tools:kami=dev.kami.*; search=dev.acme.search`); once set, a token's tools are only those its scopes grant")
            { DocumentedDefault = "every scope: all tools" },
        new(SettingKeys.OAuthCallsPerMinute, null, "calls per UTC minute each OAuth caller (subject and client) may make") { DocumentedDefault = "no limit" },
        new(SettingKeys.OAuthFuelPerDay, null, "fuel per UTC day each OAuth caller (subject and client) may use") { DocumentedDefault = "no limit" },
        new(SettingKeys.PoolingAllocator, Flag(RuntimeOptions.Default.PoolingAllocator),
            "pre-reserved Wasmtime instance slots (faster calls; reserves address space, so turn off under a tight `ulimit -v`)"),
        new(SettingKeys.LogLevel, "info",
            "the least severe line `kami serve` writes to stderr (`trace`, `debug`, `info`, `warn`, `error`, `off`); guest `log` lines pass the same filter"),
        new(SettingKeys.EnvDenyList, null,
            "host variables no tool is ever given, whatever its `env_allow_list` says (comma-separated; `KAMI_*` are always withheld)"),
        new(SettingKeys.RequireApproval, "false", "without a terminal, install a tool that asks for any capability only with `--yes`"),
        new(SettingKeys.RequireSignature, "false",
            "refuse, at install and at load, a tool that is unsigned, signed by a key not in `kami trust list`, or signed for its code only "
            + "while its manifest grants anything beyond the defaults (a bad signature is refused always)"),
        new(SettingKeys.IndexUrl, null, "the registry index (the Rust KAMI's JSON format) for `kami search`, install by id and `kami update`"),
        new(SettingKeys.MaxDownloadMb, Number(DownloadLimits.DefaultMaxBytes >> 20),
            "the largest download (package or index) KAMI accepts; a larger one is cut off while it arrives"),
        new(SettingKeys.CacheMaxMb, Number(RuntimeOptions.Default.CompiledCacheMaxBytes >> 20),
            "the compiled-component cache in `$KAMI_HOME/cache` (HMAC-verified before use; least recently used evicted; 0 turns it off)"),
        new(SettingKeys.NetAllowPrivate, null,
            "CIDRs or host names a tool's `kami:http` requests may reach although they resolve to loopback or private addresses (comma-separated)"),
        new(SettingKeys.MetricsPublic, "false",
            "serve `kami serve --http`'s Prometheus `/metrics` without the bearer token (for a scraper on a private network; see docs/deployment.md)"),
    ];

    /// <summary>Every key config.toml may hold at the top level.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(All.Select(s => s.Key), StringComparer.OrdinalIgnoreCase);

    /// <summary>The settings that have a default, as the bottom configuration layer (a key without one stays unset).</summary>
    public static IReadOnlyDictionary<string, string?> Defaults() =>
        All.Where(s => s.Default is not null).ToDictionary(s => s.Key, s => s.Default);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}
