using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Identity;

namespace Kami.Cli.Commands;

/// <summary>
/// <c>kami client add/list/remove/rotate</c>: named clients of <c>kami serve --http</c>, each with its own token, tools
/// and quota. A token is printed once, alone on stdout's last line (or in <c>--json</c>), and only its hash is stored.
/// </summary>
internal static class ClientCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("client", "Manage named HTTP clients: their tokens, the tools they may use, their quotas");
        command.Subcommands.Add(Add(runner));
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Remove(runner));
        command.Subcommands.Add(Rotate(runner));
        return command;
    }

    private static Command Add(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "The client's name, as the audit log shows it (letters, digits, '-', '_', '.')" };
        var tools = new Option<string>("--tools")
        {
            Description = "The tools it may see and call: ids, prefixes ending in .* or *, comma-separated (e.g. 'dev.kami.*,dev.acme.search')",
            Required = true,
        };
        var calls = new Option<long?>("--calls-per-minute") { Description = "At most this many calls per UTC minute (default: no limit)" };
        var fuel = new Option<long?>("--fuel-per-day") { Description = "At most this much fuel per UTC day, over all its calls (default: no limit)" };
        var command = new Command("add", "Add a client and print its token (shown once; only its hash is kept)") { name, tools, calls, fuel };
        runner.SetAction(command, context =>
        {
            var client = new Client(ClientName.Check(context.Get(name)), ToolAccess.Parse(context.Get(tools)),
                new ClientQuota(Positive(context.Get(calls), "--calls-per-minute"), Positive(context.Get(fuel), "--fuel-per-day")),
                "", DateTimeOffset.UtcNow);
            var token = ClientToken.New();
            if (!context.Registry.AddClient(client with { TokenHash = ClientToken.Hash(token) }))
                throw new KamiException(ErrorKind.InvalidInput,
                    $"a client named \"{client.Name}\" exists; choose another name, or `kami client rotate {client.Name}` for a new token");
            PrintToken(context, client, token, "added");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "List the clients, their tools and quotas (never their tokens)");
        runner.SetAction(command, context =>
        {
            var clients = context.Registry.ListClients();
            if (context.Json)
            {
                context.Output.Json(clients.Select(c => Json(c)).ToList(), CliJsonContext.Relaxed.ListClientJson);
                return ExitCodes.Ok;
            }
            if (clients.Count == 0) context.Output.Note("no clients; add one with `kami client add <name> --tools 'dev.kami.*'`");
            foreach (var c in clients)
                context.Output.Line($"{c.Name}  tools: {c.Tools}  calls/min: {Limit(c.Quota.CallsPerMinute)}  fuel/day: {Limit(c.Quota.FuelPerDay)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "The client to remove" };
        var command = new Command("remove", "Remove a client: its token is refused from the next request on") { name };
        runner.SetAction(command, context =>
        {
            var removed = context.Registry.RemoveClient(context.Get(name).Trim())
                ?? throw new KamiException(ErrorKind.InvalidInput, $"no client is named \"{context.Get(name)}\"; `kami client list` shows them");
            context.Output.Line($"removed client {removed.Name}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rotate(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "The client whose token to replace" };
        var command = new Command("rotate", "Give a client a new token and print it; the old one is refused from the next request on") { name };
        runner.SetAction(command, context =>
        {
            var client = context.Registry.FindClient(context.Get(name).Trim())
                ?? throw new KamiException(ErrorKind.InvalidInput, $"no client is named \"{context.Get(name)}\"; `kami client list` shows them");
            var token = ClientToken.New();
            if (!context.Registry.ReplaceClientToken(client.Name, ClientToken.Hash(token)))
                throw new KamiException(ErrorKind.InvalidInput, $"client \"{client.Name}\" was removed meanwhile");
            PrintToken(context, client, token, "rotated");
            return ExitCodes.Ok;
        });
        return command;
    }

    // The token alone on stdout (its last line), so `TOKEN=$(kami client add …)` captures exactly it; the rest goes to stderr.
    private static void PrintToken(CommandContext context, Client client, string token, string what)
    {
        if (context.Json)
        {
            context.Output.Json(Json(client, token), CliJsonContext.Relaxed.ClientJson);
            return;
        }
        context.Output.Note($"{what} client {client.Name} (tools: {client.Tools}; calls/min: {Limit(client.Quota.CallsPerMinute)}; fuel/day: {Limit(client.Quota.FuelPerDay)}).");
        context.Output.Note("Its token follows; it is shown only now (KAMI keeps only its hash). Clients send Authorization: Bearer <token>.");
        context.Output.Out.WriteLine(token);
    }

    private static ClientJson Json(Client c, string? token = null) =>
        new(c.Name, [.. c.Tools.Patterns.Select(p => p.Text)], c.Quota.CallsPerMinute, c.Quota.FuelPerDay, c.CreatedAt, token);

    private static string Limit(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no limit";

    private static long? Positive(long? value, string flag) => value is null or > 0 ? value
        : throw new KamiException(ErrorKind.InvalidInput, $"{flag} must be a positive number (leave it out for no limit)");
}
