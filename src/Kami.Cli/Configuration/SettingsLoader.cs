using Kami.Core.Hosting;
using System.Globalization;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Security.Network;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging;

namespace Kami.Cli.Configuration;

/// <summary>
/// Layers settings with Microsoft.Extensions.Configuration: defaults &lt; $KAMI_HOME/config.toml &lt; KAMI_*
/// environment &lt; command-line flags, and can say which layer each value came from (<c>kami status</c>).
/// </summary>
internal sealed class SettingsLoader
{
    private readonly IConfigurationRoot _root;

    private SettingsLoader(IConfigurationRoot root, KamiSettings settings, IReadOnlyList<string> warnings)
    {
        _root = root;
        Settings = settings;
        Warnings = warnings;
    }

    public KamiSettings Settings { get; }

    /// <summary>What config.toml holds that KAMI does not read (unknown keys, tables), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public static SettingsLoader Load(IReadOnlyDictionary<string, string?> flags)
    {
        var defaults = SettingTable.Defaults();

        // The home decides where config.toml is, so it is resolved from every layer but the file first.
        var bootstrap = new ConfigurationBuilder().AddInMemoryCollection(defaults).AddEnvironmentVariables(SettingTable.EnvPrefix)
            .AddInMemoryCollection(flags).Build();
        var home = bootstrap[SettingKeys.Home]!;

        var root = new ConfigurationBuilder()
            .AddInMemoryCollection(defaults)
            .Add(new TomlConfigurationSource(KamiPaths.ForHome(Path.GetFullPath(home)).ConfigFile, SettingTable.Keys))
            .AddEnvironmentVariables(SettingTable.EnvPrefix)
            .AddInMemoryCollection(flags)
            .Build();

        var settings = new KamiSettings
        {
            Home = root[SettingKeys.Home]!,
            Database = root[SettingKeys.Database],
            ReplicaId = root[SettingKeys.ReplicaId] is { Length: > 0 } replica ? replica.Trim() : Environment.MachineName,
            MaxConcurrency = Int(root, SettingKeys.MaxConcurrency, 1, 1024),
            QueueLimit = Int(root, SettingKeys.QueueLimit, 0, 1_000_000),
            ToolNames = root[SettingKeys.ToolNames] ?? "",
            RateLimitPerMinute = Int(root, SettingKeys.RateLimitPerMinute, 0, 1_000_000),
            AuditArguments = Bool(root, SettingKeys.AuditArguments),
            AuditDurable = root[SettingKeys.AuditDurable] is { Length: > 0 } ? Bool(root, SettingKeys.AuditDurable) : null,
            PoolingAllocator = Bool(root, SettingKeys.PoolingAllocator),
            LogLevel = Level(root, SettingKeys.LogLevel),
            Token = root[SettingKeys.Token],
            TokenFile = root[SettingKeys.TokenFile],
            OAuthIssuer = root[SettingKeys.OAuthIssuer] is { Length: > 0 } issuer ? issuer : null,
            OAuthAudience = root[SettingKeys.OAuthAudience],
            OAuthScopes = root[SettingKeys.OAuthScopes],
            OAuthCallsPerMinute = OptionalLong(root, SettingKeys.OAuthCallsPerMinute),
            OAuthFuelPerDay = OptionalLong(root, SettingKeys.OAuthFuelPerDay),
            AllowedOrigins = List(root, SettingKeys.AllowedOrigins),
            EnvDenyList = new EnvDenyList(List(root, SettingKeys.EnvDenyList)),
            RequireApproval = Bool(root, SettingKeys.RequireApproval),
            RequireSignature = Bool(root, SettingKeys.RequireSignature),
            IndexUrl = root[SettingKeys.IndexUrl] is { Length: > 0 } index ? index : null,
            MaxDownloadMb = Int(root, SettingKeys.MaxDownloadMb, 1, 4096),
            CacheMaxMb = Int(root, SettingKeys.CacheMaxMb, 0, 1_000_000),
            NetAllowPrivate = Networks(root, SettingKeys.NetAllowPrivate),
            MetricsPublic = Bool(root, SettingKeys.MetricsPublic),
            NetCredentials = CredentialReader.Read(root.GetSection(TomlConfigurationProvider.CredentialsSection)),
            NetAllowLists = AllowListReader.Read(root.GetSection(TomlConfigurationProvider.AllowListSection)),
            Approvals = ApprovalReader.Read(root.GetSection(TomlConfigurationProvider.ApprovalSection)),
            StateKeyFile = root[SettingKeys.StateKeyFile] is { Length: > 0 } stateKey ? stateKey : null,
        };
        var warnings = root.Providers.OfType<TomlConfigurationProvider>().SelectMany(p => p.Warnings).ToList();
        return new SettingsLoader(root, settings, warnings);
    }

    /// <summary>Which layer supplied a key: "flag", "environment", "config.toml" or "default".</summary>
    public string SourceOf(string key)
    {
        foreach (var provider in _root.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _)) continue;
            return provider switch
            {
                EnvironmentVariablesConfigurationProvider => $"environment ({SettingTable.EnvPrefix}{key.ToUpperInvariant()})",
                TomlConfigurationProvider toml => toml.File,
                MemoryConfigurationProvider when ReferenceEquals(provider, _root.Providers.Last()) => "command line",
                _ => "default",
            };
        }
        return "unset";
    }

    public string? ValueOf(string key) => _root[key];

    /// <summary>The value as <c>kami status</c> may print it: a registry URI without any password it holds.</summary>
    public string? ShownValueOf(string key) =>
        key == SettingKeys.Database && Kami.Registry.Postgres.PostgresUri.IsUri(_root[key]) ? Kami.Registry.Postgres.PostgresUri.Redacted(_root[key]!) : _root[key];

    private static string[] List(IConfiguration c, string key) =>
        (c[key] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static PrivateNetworkAllowance Networks(IConfiguration c, string key)
    {
        try
        {
            return PrivateNetworkAllowance.Parse(List(c, key));
        }
        catch (FormatException e)
        {
            throw new KamiException(ErrorKind.InvalidInput, $"setting {key}: {e.Message}");
        }
    }

    private static int Int(IConfiguration c, string key, int min, int max)
    {
        var text = c[key];
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new KamiException(ErrorKind.InvalidInput, $"setting {key} = \"{text}\" must be a whole number from {min} to {max}");
    }

    // Unset or empty means no limit; anything else must be a positive whole number.
    private static long? OptionalLong(IConfiguration c, string key)
    {
        var text = c[key];
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0) return value;
        throw new KamiException(ErrorKind.InvalidInput, $"setting {key} = \"{text}\" must be a positive whole number (leave it unset for no limit)");
    }

    private static LogLevel Level(IConfiguration c, string key) => c[key]?.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" or null or "" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "off" or "none" => LogLevel.None,
        var other => throw new KamiException(ErrorKind.InvalidInput, $"setting {key} = \"{other}\" must be one of trace, debug, info, warn, error, off"),
    };

    private static bool Bool(IConfiguration c, string key) => c[key] switch
    {
        "true" or "True" or "1" => true,
        "false" or "False" or "0" or null or "" => false,
        var other => throw new KamiException(ErrorKind.InvalidInput, $"setting {key} = \"{other}\" must be true or false"),
    };
}
