using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Core.Security;
using Kami.Core.Text;
using Kami.Core.Tools;

namespace Kami.Cli.Installing;

/// <summary>
/// An update may not escalate silently: the permission diff between the installed version and the new one
/// (<see cref="CapabilityDiff"/>) is printed, and a version asking for more is installed only with <c>--yes</c> or a
/// "y" typed at a terminal, whatever require_approval says.
/// </summary>
internal sealed class UpdateApproval(CommandContext context, InstalledTool installed, bool yes)
{
    public CapabilityDiff? Diff { get; private set; }

    public void Approve(ToolManifest next)
    {
        var denied = context.Settings.EnvDenyList;
        var diff = CapabilityDiff.Between(CapabilitySummary.Of(installed.Manifest.Security, denied), CapabilitySummary.Of(next.Security, denied));
        Diff = diff;
        var output = context.Output;
        if (!context.Json)
        {
            foreach (var line in diff.Added) output.Line("  + " + line);
            foreach (var line in diff.Removed) output.Line("  - " + line);
        }
        if (!diff.AsksForMore || yes) return;
        var what = $"{next.Id} {next.Version} asks for more than {installed.Manifest.Version} ({string.Join("; ", diff.Added)})";
        if (context.Host.IsInteractive && !context.Json)
        {
            output.Err.Write(TerminalText.Escape($"{what}. Grant it? [y/N] "));
            output.Err.Flush();
            var answer = context.Host.Input.ReadLine()?.Trim();
            if (answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase)))
                return;
            throw new KamiException(ErrorKind.InvalidInput, $"update of {next.Id} cancelled; {installed.Manifest.Version} stays installed");
        }
        throw new KamiException(ErrorKind.InvalidInput, $"{what}; review it and re-run `kami update {next.Id} --yes` to grant it; {installed.Manifest.Version} stays installed");
    }
}
