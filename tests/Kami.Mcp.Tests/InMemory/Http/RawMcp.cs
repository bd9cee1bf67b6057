using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>
/// Raw MCP 2026-07-28 requests, as a client that speaks input requests sends them (the conformance suite's shape):
/// the version, method and name headers, and the client's capabilities in the request's _meta.
/// </summary>
internal static class RawMcp
{
    private static int _id;

    public static async Task<JsonObject> CallAsync(HttpClient http, Uri url, string token, string tool, JsonObject arguments,
        JsonObject? inputResponses = null, string? requestState = null, string version = "2026-07-28", bool elicitation = true)
    {
        var parameters = new JsonObject
        {
            ["name"] = tool,
            ["arguments"] = arguments.DeepClone(),
            ["_meta"] = new JsonObject
            {
                ["io.modelcontextprotocol/protocolVersion"] = version,
                ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "raw-test", ["version"] = "1.0.0" },
                ["io.modelcontextprotocol/clientCapabilities"] = elicitation ? new JsonObject { ["elicitation"] = new JsonObject() } : new JsonObject(),
            },
        };
        if (inputResponses is not null) parameters["inputResponses"] = inputResponses.DeepClone();
        if (requestState is not null) parameters["requestState"] = requestState;
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = Interlocked.Increment(ref _id), ["method"] = "tools/call", ["params"] = parameters };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", version);
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", tool);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // A JSON body, or SSE whose last data line is the response.
        var json = text.TrimStart().StartsWith('{') ? text
            : text.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).Last(l => l.StartsWith('{'));
        return JsonNode.Parse(json)!.AsObject();
    }

    public static JsonObject Accept(bool approve) => new() { ["action"] = "accept", ["content"] = new JsonObject { ["approve"] = approve } };
}
