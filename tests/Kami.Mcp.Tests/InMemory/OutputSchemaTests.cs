using Kami.Runtime.Contracts;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>[mcp] output_schema: listed as the tool's outputSchema, and output that breaks it is an error, never structuredContent.</summary>
public sealed class OutputSchemaTests
{
    private const string Schema = """{"type":"object","properties":{"sum":{"type":"number"}},"required":["sum"],"additionalProperties":false}""";

    private static async Task<(InMemoryKami Kami, McpClient Client)> StartAsync(string output)
    {
        var registry = new FakeRegistry();
        var tool = Tools.Tool("dev.kami.add");
        registry.Add(tool with { Manifest = tool.Manifest with { OutputSchema = Schema } });
        var kami = new InMemoryKami(registry, new FakeExecutor(_ => ExecutionResult.Success(output, ExecutionMetrics.Empty)));
        return (kami, await kami.ConnectAsync());
    }

    [Fact]
    public async Task Output_MatchingTheSchema_IsStructuredContent()
    {
        var (kami, client) = await StartAsync("""{"sum":3}""");
        await using var _ = kami;

        var listed = (await client.ListToolsAsync()).Single().ProtocolTool;
        var result = await client.CallToolAsync("dev.kami.add");

        Assert.Equal("object", listed.OutputSchema!.Value.GetProperty("type").GetString());
        Assert.NotEqual(true, result.IsError);
        Assert.Equal(3, result.StructuredContent!.Value.GetProperty("sum").GetInt32());
    }

    [Theory]
    [InlineData("""{"sum":"three"}""", "/sum")]
    [InlineData("""{"sum":3,"extra":true}""", "does not match")]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    public async Task Output_BreakingTheSchema_IsAnErrorThatSaysWhy(string output, string expected)
    {
        var (kami, client) = await StartAsync(output);
        await using var _ = kami;

        var result = await client.CallToolAsync("dev.kami.add");

        Assert.True(result.IsError);
        Assert.Null(result.StructuredContent);
        Assert.Contains(expected, Assert.IsType<TextContentBlock>(result.Content.Single()).Text);
    }
}
