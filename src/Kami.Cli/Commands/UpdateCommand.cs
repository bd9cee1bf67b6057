using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Installing;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Packaging.Distribution;
using Kami.Packaging.Install;

namespace Kami.Cli.Commands;

internal static class UpdateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = ToolIdArgument.CreateOptional("The tool to update (or --all)");
        var all = new Option<bool>("--all") { Description = "Update every installed tool the index has a newer version of" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Grant what a new version asks for beyond the installed one, without asking" };
        var index = new Option<string?>("--index") { Description = "The registry index (default: index_url)" };
        var command = new Command("update", "Install newer versions from the index; shows the permission diff, and a version asking for more needs approval")
            { id, all, yes, index };
        runner.SetAction(command, async (context, cancellation) =>
        {
            var tools = (context.Get(id), context.Get(all)) switch
            {
                ({ } one, false) => [InstalledTools.Require(context, one)],
                (null, true) => context.Registry.List(ToolQuery.All),
                _ => throw new KamiException(ErrorKind.InvalidInput, "name one tool to update, or pass --all (not both)"),
            };
            var distribution = new Distribution(context);
            var registryIndex = await distribution.LoadIndexAsync(context.Get(index), refresh: true, cancellation);
            var results = new List<UpdateJson>();
            var failed = 0;
            foreach (var tool in tools)
            {
                var from = tool.Manifest.Version.ToString();
                if (tool.Pinned)
                {
                    context.Output.Note($"{tool.Id} is pinned at {from}; skipped (`kami pin --unpin {tool.Id}` to let it update)");
                    results.Add(new UpdateJson(tool.Id.Value, from, null, "pinned", [], []));
                    continue;
                }
                var newest = registryIndex.Find(tool.Id, version: null);
                if (newest is null || RegistryIndex.VersionOf(newest) <= tool.Manifest.Version)
                {
                    if (!context.Json) context.Output.Line(newest is null ? $"{tool.Id} {from}: not in the index; skipped" : $"{tool.Id} {from} is up to date");
                    results.Add(new UpdateJson(tool.Id.Value, from, null, newest is null ? "not-in-index" : "up-to-date", [], []));
                    continue;
                }
                if (!context.Json) context.Output.Line($"{tool.Id} {from} -> {newest.Version}");
                var approval = new UpdateApproval(context, tool, context.Get(yes));
                try
                {
                    await distribution.Remote.InstallEntryAsync(newest, new InstallOptions { Approve = approval.Approve, Trust = context.SignaturePolicy }, cancellation);
                    if (!context.Json) context.Output.Line($"updated {tool.Id} to {newest.Version} (`kami rollback {tool.Id}` restores {from})");
                    results.Add(new UpdateJson(tool.Id.Value, from, newest.Version, "updated", approval.Diff?.Added ?? [], approval.Diff?.Removed ?? []));
                }
                catch (KamiException e) when (e.IsUserError && tools.Count > 1)
                {
                    // With --all, one tool's refusal must not keep the others at their old versions.
                    failed++;
                    context.Output.Error(e.Message);
                    results.Add(new UpdateJson(tool.Id.Value, from, newest.Version, "refused", approval.Diff?.Added ?? [], approval.Diff?.Removed ?? []));
                }
            }
            if (context.Json) context.Output.Json(results, CliJsonContext.Relaxed.ListUpdateJson);
            return failed == 0 ? ExitCodes.Ok : ExitCodes.UserError;
        });
        return command;
    }
}
