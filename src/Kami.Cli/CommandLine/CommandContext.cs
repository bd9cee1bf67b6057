using System.CommandLine;
using Kami.Cli.Configuration;
using Kami.Cli.Output;
using Kami.Cli.Running;
using Kami.Core.Registry;
using Kami.Core.Trust;
using Kami.Packaging.Trust;
using Kami.Runtime.Execution;

namespace Kami.Cli.CommandLine;

/// <summary>What a running command needs: its parsed flags, settings, output, and the registry on demand.</summary>
internal sealed class CommandContext(ParseResult parse, GlobalOptions globals, CliHost host)
{
    private SettingsLoader? _settings;
    private RegistryConnection? _connection;

    public ParseResult Parse { get; } = parse;
    public CliOutput Output { get; } = new(host.Output, host.Error, host.IsTerminal);
    public CliHost Host { get; } = host;
    public bool Json => Parse.GetValue(globals.Json);

    public SettingsLoader SettingsLoader => _settings ??= LoadSettings();
    public KamiSettings Settings => SettingsLoader.Settings;

    /// <summary>The registry the settings name: the SQLite file, or the fleet's PostgreSQL database.</summary>
    public RegistryConnection Connection => _connection ??= RegistryConnection.Open(Settings);

    public IRegistryStore Registry => Connection.Registry;

    public IAuditLog AuditLog => Connection.AuditLog;

    /// <summary>require_signature and the trusted signers, as install and every runtime apply them.</summary>
    public SignaturePolicy SignaturePolicy => new(Settings.RequireSignature, Ed25519Signatures.Instance, key => Registry.IsTrusted(key));

    /// <summary>A runtime for a command that runs a tool once (<see cref="OneShotRuntime"/>).</summary>
    public ToolRuntime NewOneShotRuntime()
    {
        var runtime = Host.NewRuntime(OneShotRuntime.Options(Settings, SignaturePolicy) with { Components = Connection.Components });
        if (runtime.AllocatorNotice is { } notice) Output.Warning(notice);
        return runtime;
    }

    public T Get<T>(Option<T> option) => Parse.GetValue(option)!;
    public T Get<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    // Said on every command that reads settings: a setting KAMI ignores may be a security setting mistyped.
    private SettingsLoader LoadSettings()
    {
        var loader = SettingsLoader.Load(Flags());
        foreach (var warning in loader.Warnings) Output.Warning(warning);
        return loader;
    }

    private Dictionary<string, string?> Flags()
    {
        var flags = new Dictionary<string, string?>();
        if (Parse.GetValue(globals.Home) is { } home) flags[SettingKeys.Home] = Path.GetFullPath(home);
        if (Parse.GetValue(globals.Database) is { } db) flags[SettingKeys.Database] = Kami.Registry.Postgres.PostgresUri.IsUri(db) ? db : Path.GetFullPath(db);
        return flags;
    }
}
