using System.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Security;
using Kami.Packaging.Install;

namespace Kami.Cli.Commands;

internal static class InstallCommand
{
    public static Command Create(CommandRunner runner)
    {
        var source = new Argument<string>("package") { Description = "A package directory, its tool.toml, or a plugin.zip" };
        var force = new Option<bool>("--force") { Description = "Re-install the same version, downgrade, or re-approve a changed .wasm" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Grant the capabilities the tool asks for without asking (needed without a terminal when require_approval = true)" };
        var command = new Command("install", "Install a tool package into the registry; shows what the tool may do and asks before granting it") { source, force, yes };
        runner.SetAction(command, context =>
        {
            var paths = context.Settings.Paths;
            var installer = new ToolInstaller(context.Registry, paths, TimeProvider.System);
            var approval = new InstallApproval(context, context.Get(yes));
            var result = installer.Install(context.Get(source), new InstallOptions(context.Get(force)) { Approve = approval.Approve });
            var tool = result.Tool;
            var compiled = InstallPrecompile.Run(context, tool);
            if (context.Json)
            {
                context.Output.Json(new InstallJson(tool.Id.Value, tool.Manifest.Version.ToString(), tool.WasmSha256, tool.InstallPath,
                    result.Replaced?.Manifest.Version.ToString(), result.Notes, ToJson(approval.Summary!, paths.DataDirectory(tool.Id))),
                    CliJsonContext.Relaxed.InstallJson);
                return ExitCodes.Ok;
            }
            foreach (var note in result.Notes) context.Output.Note("note: " + note);
            var replaced = result.Replaced is { } r ? $" (replaced {r.Manifest.Version})" : "";
            context.Output.Line($"installed {tool.Id} {tool.Manifest.Version}{replaced}");
            context.Output.Line($"  sha256 {tool.WasmSha256}");
            if (compiled is { } compileNote) context.Output.Note(compileNote);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static CapabilitiesJson ToJson(CapabilitySummary s, string dataDirectory) =>
        new(s.Files.ToManifestName(), s.Files == FsAccess.None ? null : dataDirectory, s.Env, s.EnvWithheld.Select(w => w.Name).ToList(), s.Hosts,
            s.Limits.Select(l => new RaisedLimitJson(l.Name, l.Value, l.Default)).ToList(), s.GrantsNothing);
}
