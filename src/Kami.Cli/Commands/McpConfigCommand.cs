using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kami.Cli.CommandLine;
using Kami.Cli.Configuration;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Mcp.Hosting.Http;

namespace Kami.Cli.Commands;

/// <summary><c>kami mcp-config CLIENT</c>: the JSON snippet that makes a client start <c>kami serve</c>.</summary>
internal static class McpConfigCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true};
    private static readonly string[] Clients = ["claude", "cursor", "vscode", "generic"];

    public static Command Create(CommandRunner runner)
    {
        var client = new Argument<string>("client") { Description = "The MCP client to configure" }
            .OneOf(Clients, c => Clients.Contains(c.ToLowerInvariant()), c => $"unknown client '{c.ToLowerInvariant()}'; choose one of {string.Join(", ", Clients)}");
        var http = new Option<string?>("--http")
        {
            Description = $"Configure the client for `kami serve --http HOST:PORT` (default {HttpEndpoint.Default}) instead of stdio; includes the bearer token",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("mcp-config", "Print the JSON to paste into an MCP client's configuration") { client, http };
        runner.SetAction(command, context =>
        {
            var name = context.Get(client).ToLowerInvariant();

            if (context.Parse.GetResult(http) is not null) return WriteHttp(context, name, context.Get(http) ?? HttpEndpoint.Default);

            // Agents behind LLM function-calling APIs reject dots in tool names, so those clients get underscore names.
            var args = new JsonArray(JsonValue.Create("serve"));
            if (name != "generic") { args.Add((JsonNode?)JsonValue.Create("--tool-names")); args.Add((JsonNode?)JsonValue.Create("underscore")); }
            var server = new JsonObject { ["command"] = CommandPath(), ["args"] = args };
            if (Environment.GetEnvironmentVariable("KAMI_HOME") is not null || context.Parse.GetValue<string?>("--home") is not null)
                server["env"] = new JsonObject { ["KAMI_HOME"] = context.Settings.Paths.Home };
            JsonObject root = name == "vscode"
                ? new JsonObject { ["servers"] = new JsonObject { ["kami"] = WithType(server) } }
                : new JsonObject { ["mcpServers"] = new JsonObject { ["kami"] = server } };
            context.Output.JsonText(root.ToJsonString(Indented));
            context.Output.Note(name switch
            {
                "claude" => "paste into claude_desktop_config.json (Settings → Developer → Edit Config), then restart Claude Desktop",
                "cursor" => "paste into ~/.cursor/mcp.json (or .cursor/mcp.json in a project)",
                "vscode" => "paste into .vscode/mcp.json",
                _ => "the server speaks MCP over stdio",
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    // The client connects to a server started separately; the token is the one that server uses (made now if there
    // is none yet, so that both agree).
    private static int WriteHttp(CommandContext context, string name, string endpointText)
    {
        var endpoint = HttpEndpoint.Parse(endpointText);
        var loader = context.SettingsLoader;
        var settings = context.Settings;
        var auth = HttpAuth.Resolve(null, (settings.TokenFile, loader.SourceOf(SettingKeys.TokenFile)), (settings.Token, loader.SourceOf(SettingKeys.Token)),
            settings.Paths.Home, noAuth: false, createDefault: true);
        var host = endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
        var server = new JsonObject { ["type"] = "http", ["url"] = $"http://{host}:{endpoint.Port}{HttpServer.Path}" };
        if (auth.Token is not null) server["headers"] = new JsonObject { ["Authorization"] = "Bearer " + auth.Token };
        JsonObject root = name == "vscode"
            ? new JsonObject { ["servers"] = new JsonObject { ["kami"] = server } }
            : new JsonObject { ["mcpServers"] = new JsonObject { ["kami"] = server } };
        context.Output.JsonText(root.ToJsonString(Indented));
        var names = name == "generic" ? "" : " --tool-names underscore";
        context.Output.Note($"start the server with `kami serve --http {endpointText}{names}`; the snippet holds the bearer token: keep it private");
        return ExitCodes.Ok;
    }

    private static JsonObject WithType(JsonObject server)
    {
        var typed = new JsonObject { ["type"] = "stdio" };
        foreach (var (key, value) in server) typed[key] = value?.DeepClone();
        return typed;
    }

    // The installed .NET tool is an apphost named kami; under `dotnet kami.dll` fall back to the name on PATH.
    private static string CommandPath()
    {
        var process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "kami" ? process : "kami";
    }
}
