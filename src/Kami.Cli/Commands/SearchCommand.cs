using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Installing;
using Kami.Cli.Output;

namespace Kami.Cli.Commands;

internal static class SearchCommand
{
    public static Command Create(CommandRunner runner)
    {
        var query = new Argument<string>("query") { Description = "Words to look for in ids, names and descriptions" };
        var index = new Option<string?>("--index") { Description = "The registry index (default: index_url)" };
        var refresh = new Option<bool>("--refresh") { Description = "Fetch the index even if the cached copy is fresh" };
        var command = new Command("search", "Search the registry index (ranked by id, then name, then description)") { query, index, refresh };
        runner.SetAction(command, async (context, cancellation) =>
        {
            var found = (await new Distribution(context).LoadIndexAsync(context.Get(index), context.Get(refresh), cancellation)).Search(context.Get(query));
            if (context.Json)
            {
                context.Output.Json(found.Select(e => new SearchResultJson(e.Id, e.Name, e.Version, e.Description, e.Source,
                    e.Signature is not null, e.SignerPublicKey)).ToList(), CliJsonContext.Relaxed.ListSearchResultJson);
                return ExitCodes.Ok;
            }
            if (found.Count == 0) context.Output.Note($"nothing in the index matches \"{context.Get(query)}\"");
            foreach (var e in found)
                context.Output.Line($"{e.Id} {e.Version}{(e.Signature is null ? " (unsigned)" : "")}  {e.Description}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
