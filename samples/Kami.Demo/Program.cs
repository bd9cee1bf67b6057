using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

// Usage: Kami.Demo <kami command> [args...] -- <tool> <json arguments>
// Starts `kami serve` as any MCP client would, lists the tools and calls one of them.
var separator = Array.IndexOf(args, "--");
if (separator < 1 || args.Length < separator + 3)
{
    Console.Error.WriteLine("usage: Kami.Demo <kami command> [args...] -- <tool> <json arguments>");
    return 1;
}
var server = args[..separator];
var toolName = args[separator + 1];
using var argumentsJson = JsonDocument.Parse(args[separator + 2]);

var transport = new StdioClientTransport(new StdioClientTransportOptions
{
    Name = "kami",
    Command = server[0],
    Arguments = [.. server[1..], "serve"],
});
await using var client = await McpClient.CreateAsync(transport);
Console.WriteLine($"connected to {client.ServerInfo?.Name} {client.ServerInfo?.Version} over stdio (MCP {client.NegotiatedProtocolVersion})");

var tools = await client.ListToolsAsync();
Console.WriteLine($"tools/list: {string.Join(", ", tools.Select(t => t.Name))}");

var result = await client.CallToolAsync(new CallToolRequestParams
{
    Name = toolName,
    Arguments = argumentsJson.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
});
var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
Console.WriteLine($"tools/call {toolName} {args[separator + 2]}");
Console.WriteLine((result.IsError == true ? "  error: " : "  → ") + text);
return result.IsError == true ? 1 : 0;
