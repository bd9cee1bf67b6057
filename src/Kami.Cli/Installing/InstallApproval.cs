using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Text;
using Kami.Core.Tools;
using Kami.Core.Trust;

namespace Kami.Cli.Installing;

/// <summary>
/// Decides whether an install may grant what a manifest asks for. A tool that asks for nothing installs as
/// before. Otherwise the summary is printed; a person at a terminal is asked (<c>--yes</c> answers for them);
/// without a terminal the install goes on, unless the operator set <c>require_approval = true</c>, where only
/// <c>--yes</c> lets it.
/// </summary>
internal sealed class InstallApproval(CommandContext context, bool yes)
{
    public CapabilitySummary? Summary { get; private set; }

    public void Approve(ToolManifest manifest)
    {
        var summary = CapabilitySummary.Of(manifest.Security, context.Settings.EnvDenyList);
        Summary = summary;
        var output = context.Output;
        if (!context.Json)
        {
            foreach (var line in summary.Describe(context.Settings.Paths.DataDirectory(manifest.Id))) output.Line("  " + line);
            if (!summary.GrantsNothing && Vouching(manifest) is { } vouching) output.Line("  " + vouching);
        }
        foreach (var (name, reason) in summary.EnvWithheld)
            output.Warning($"env_allow_list asks for {name}, which KAMI never passes to a tool ({reason}); the tool will not see it");
        if (summary.GrantsNothing || yes) return;

        if (context.Host.IsInteractive && !context.Json)
        {
            output.Err.Write(TerminalText.Escape($"Grant {manifest.Id} {manifest.Version} these capabilities? [y/N] "));
            output.Err.Flush();
            var answer = context.Host.Input.ReadLine()?.Trim();
            if (answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase)))
                return;
            throw new KamiException(ErrorKind.InvalidInput, $"install of {manifest.Id} cancelled: its capabilities were not granted; nothing was installed");
        }
        if (context.Settings.RequireApproval)
            throw new KamiException(ErrorKind.InvalidInput,
                $"{manifest.Id} {manifest.Version} asks for capabilities ({Brief(summary)}) and require_approval is on; " +
                "review them (kami validate, or install in a terminal) and re-run with --yes to grant them; nothing was installed");
    }

    // What the signature does not cover, said where the operator decides.
    private static string? Vouching(ToolManifest manifest) => manifest.Signature?.Scope switch
    {
        null => "signature: none; nobody vouches for these grants",
        SignatureScope.CodeOnly => "signature: covers the .wasm only; these grants, the id and the version are the package's word, not the signer's",
        _ => null,
    };

    private static string Brief(CapabilitySummary summary)
    {
        var parts = new List<string>();
        if (summary.Files != FsAccess.None) parts.Add("files " + summary.Files.ToManifestName());
        if (summary.Env.Count > 0) parts.Add("environment " + string.Join(", ", summary.Env));
        if (summary.Hosts.Count > 0) parts.Add("network " + string.Join(", ", summary.Hosts));
        parts.AddRange(summary.Limits.Select(l => l.Name));
        return string.Join("; ", parts);
    }
}
