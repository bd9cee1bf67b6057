using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kami.EndToEnd.Tests.Infrastructure;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// Protocol 2026-07-28 has no logging/setLevel: each request asks for its own log notifications with
/// <c>_meta["io.modelcontextprotocol/logLevel"]</c>, and a request that does not ask gets none. The C# SDK client
/// (2.4) cannot put that field on a call, so this test speaks raw JSON-RPC lines to <c>kami serve</c> over stdio.
/// </summary>
public sealed class PerRequestLogLevelTests(StandardHomeFixture fixture) : IClassFixture<StandardHomeFixture>
{
    [Fact]
    public async Task Call_PerRequestLogLevel_GuestLogReachesOnlyThatCallAtItsLevel()
    {
        using var server = Process.Start(KamiCli.StartInfo(["serve", "--home", fixture.Home.Path]))!;
        try
        {
            await SendCallAsync(server, id: 1, logLevel: null);
            await SendCallAsync(server, id: 2, logLevel: "info");  // echo logs "echo called" at debug: below info
            await SendCallAsync(server, id: 3, logLevel: "debug");

            var lines = await ReadUntilResponseAsync(server, lastId: 3);

            var logs = lines.Where(l => l["method"]?.GetValue<string>() == "notifications/message").ToList();
            var log = Assert.Single(logs);
            Assert.Equal("debug", log["params"]!["level"]!.GetValue<string>());
            Assert.Contains("echo called", log["params"]!["data"]!.ToJsonString(), StringComparison.Ordinal);
            // It travels with the call that asked: before that call's response.
            Assert.True(lines.IndexOf(log) < lines.FindIndex(l => l["id"]?.GetValue<int>() == 3));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static async Task SendCallAsync(Process server, int id, string? logLevel)
    {
        var meta = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = "2026-07-28",
            ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "raw", ["version"] = "1" },
            ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
        };
        if (logLevel is not null) meta["io.modelcontextprotocol/logLevel"] = logLevel;
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["method"] = "tools/call",
            ["params"] = new JsonObject { ["name"] = KamiHome.EchoId, ["arguments"] = new JsonObject { ["text"] = $"call {id}" }, ["_meta"] = meta },
        };
        await server.StandardInput.WriteLineAsync(request.ToJsonString());
        await server.StandardInput.FlushAsync();
    }

    private static async Task<List<JsonNode>> ReadUntilResponseAsync(Process server, int lastId)
    {
        var lines = new List<JsonNode>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var message = JsonNode.Parse(line)!;
            lines.Add(message);
            if (message["id"]?.GetValueKind() == JsonValueKind.Number && message["id"]!.GetValue<int>() == lastId) return lines;
        }
        throw new InvalidOperationException($"kami serve closed stdout before answering call {lastId}: {string.Join("\n", lines)}");
    }
}
