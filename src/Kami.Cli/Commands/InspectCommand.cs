using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Installing;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Core.Security;
using Kami.Core.Security.Network;
using Kami.Core.Text;
using Kami.Core.Tools;
using Kami.Core.Trust;
using Spectre.Console;

namespace Kami.Cli.Commands;

internal static class InspectCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = ToolIdArgument.Create();
        var command = new Command("inspect", "Show a tool's manifest, policy (defaults included), hash, paths and install time") { id };
        runner.SetAction(command, context =>
        {
            var toolId = context.Get(id);
            var tool = InstalledTools.Require(context, toolId);
            var previous = context.Registry.Previous(tool.Id);
            var details = ToJson(tool, context.Settings.Paths.DataDirectory(tool.Id), context.Settings.NetAllowLists) with { PreviousVersion = previous?.Manifest.Version.ToString(), CredentialHosts = context.Settings.NetCredentials.HostsOf(tool.Id.Value) };
            if (context.Json)
            {
                context.Output.Json(details, CliJsonContext.Relaxed.ToolDetailsJson);
                return ExitCodes.Ok;
            }
            Render(context.Output.Console, details);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static ToolDetailsJson ToJson(InstalledTool tool, string dataDirectory, OperatorAllowLists? allowLists = null)
    {
        var m = tool.Manifest;
        var p = m.Security;
        // What a call is checked against (the same narrowing the runtime applies), and what the manifest declared.
        var narrowed = allowLists?.Narrow(m.Id.Value, p.NetAllowList);
        return new ToolDetailsJson(m.Id.Value, m.Name, m.Version.ToString(), tool.Enabled, m.Description,
            m.Arguments.Select(a => new ArgumentJson(a.Name, a.Type.ToSchemaName(), a.Description, a.Required)).ToList(),
            new PolicyJson(narrowed?.Effective ?? p.NetAllowList, p.FsAccess.ToManifestName(), p.EnvAllowList, p.MaxMemoryMb, p.MaxExecutionMs, p.MaxFuel,
                narrowed is null ? null : p.NetAllowList, narrowed?.Dropped),
            tool.WasmSha256, tool.InstallPath, tool.WasmFile, dataDirectory, tool.InstalledAt, tool.Source, tool.SignerPublicKey, tool.Pinned, null)
            { SignatureCovers = tool.ToolSignature?.Scope.ToName() };
    }

    private static void Render(IAnsiConsole console, ToolDetailsJson d)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string key, string value) => grid.AddRow(new Text(key), new Text(TerminalText.Escape(value)));
        Row("id", d.Id);
        Row("name", d.Name);
        Row("version", d.Version);
        Row("enabled", d.Enabled ? "yes" : "no");
        Row("description", d.Description);
        foreach (var a in d.Arguments)
            Row("argument", $"{a.Name}: {a.Type}{(a.Required ? " (required)" : "")} {a.Description}".TrimEnd());
        var policy = d.Policy;
        string Default(bool isDefault) => isDefault ? " (default)" : "";
        if (policy.DeclaredNetAllowList is { } declared)
        {
            Row("network", (policy.NetAllowList.Count == 0 ? "none" : string.Join(", ", policy.NetAllowList)) + " (narrowed by [net_allow_list] in config.toml)");
            Row("declared network", declared.Count == 0 ? "none" : string.Join(", ", declared));
            if (policy.IgnoredOperatorEntries is { Count: > 0 } ignored)
                Row("ignored", $"{string.Join(", ", ignored)} ([net_allow_list] narrows, never widens: the tool does not list them)");
        }
        else Row("network", policy.NetAllowList.Count == 0 ? "none (default)" : string.Join(", ", policy.NetAllowList));
        if (d.CredentialHosts is { Count: > 0 } hosts)
            Row("credentials", $"configured for {string.Join(", ", hosts)} (net_credentials: a host without a port means https 443 or http 80; injected by kami, value not shown)");
        Row("files", policy.FsAccess + Default(policy.FsAccess == "none") + (policy.FsAccess == "none" ? "" : $" → {d.DataDirectory}"));
        Row("environment", policy.EnvAllowList.Count == 0 ? "none (default)" : string.Join(", ", policy.EnvAllowList));
        Row("max_memory_mb", policy.MaxMemoryMb + Default(policy.MaxMemoryMb == SecurityPolicy.DefaultMaxMemoryMb));
        Row("max_execution_ms", policy.MaxExecutionMs + Default(policy.MaxExecutionMs == SecurityPolicy.DefaultMaxExecutionMs));
        Row("max_fuel", policy.MaxFuel.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + Default(policy.MaxFuel == SecurityPolicy.DefaultMaxFuel));
        Row("sha256", d.WasmSha256);
        Row("wasm", d.WasmFile);
        Row("installed", d.InstalledAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        Row("source", d.Source);
        Row("signer", d.SignerPublicKey ?? "none (unsigned)");
        if (d.SignatureCovers is { } covers)
            Row("signature", covers == "code-only" ? "covers the .wasm only (not tool.toml: id, version, grants and limits are the package's word)" : "covers the .wasm and tool.toml (id, version, description, arguments, grants, limits)");
        if (d.Pinned) Row("pinned", "yes (kami update leaves it)");
        if (d.PreviousVersion is not null) Row("previous", d.PreviousVersion + " (kami rollback restores it)");
        console.Write(grid);
    }
}
