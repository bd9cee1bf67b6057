using System.Text.Json;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.Runtime.Contracts;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using static Kami.Mcp.Tests.InMemory.Tools;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Issue 10 part 4: the MCP mapping over in-memory pipes: list, ok and error results, unknown tools, bad arguments.</summary>
public sealed class ProtocolMappingTests
{
    [Fact]
    public async Task ToolsList_InstalledTools_NamesSchemasAndAnnotations()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.echo", Text()));
        registry.Add(Tool("dev.kami.writer", new SecurityPolicy { FsAccess = FsAccess.Sandbox }));
        await using var kami = new InMemoryKami(registry, FakeExecutor.Echo());
        var client = await kami.ConnectAsync();

        var tools = (await client.ListToolsAsync()).ToDictionary(t => t.Name);

        Assert.Equal(["dev.kami.echo", "dev.kami.writer"], tools.Keys.Order());
        var echo = tools["dev.kami.echo"].ProtocolTool;
        Assert.Equal("object", echo.InputSchema.GetProperty("type").GetString());
        Assert.Equal("string", echo.InputSchema.GetProperty("properties").GetProperty("text").GetProperty("type").GetString());
        Assert.Equal(["text"], echo.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(echo.Annotations?.ReadOnlyHint);
        Assert.False(echo.Annotations?.DestructiveHint);
        Assert.True(tools["dev.kami.writer"].ProtocolTool.Annotations?.DestructiveHint);
    }

    [Fact]
    public async Task ToolsList_UnderscoreStyle_NamesFitFunctionCallingApis()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.echo"));
        registry.Add(Tool("dev.kami." + new string('x', 80)));
        await using var kami = new InMemoryKami(registry, FakeExecutor.Echo(), names: ToolNameStyle.Underscore);
        var client = await kami.ConnectAsync();

        var names = (await client.ListToolsAsync()).Select(t => t.Name).Order().ToList();

        Assert.Equal(2, names.Count);
        Assert.Contains("dev_kami_echo", names);
        Assert.All(names, n => Assert.Matches("^[A-Za-z0-9_-]{1,64}$", n));
        var result = await client.CallToolAsync(names.Single(n => n != "dev_kami_echo"));
        Assert.NotEqual(true, result.IsError);
    }

    [Fact]
    public async Task CallTool_GuestReturnsJsonObject_TextAndStructuredContent()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.echo", Text()));
        var executor = FakeExecutor.Echo();
        await using var kami = new InMemoryKami(registry, executor);
        var client = await kami.ConnectAsync();

        var result = await client.CallToolAsync("dev.kami.echo", new Dictionary<string, object?> { ["text"] = "hi" });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("""{"text":"hi"}""", result.Content.OfType<TextContentBlock>().Single().Text);
        Assert.Equal("hi", result.StructuredContent?.GetProperty("text").GetString());
        Assert.Equal("""{"text":"hi"}""", Assert.Single(executor.Requests).Input);
    }

    [Fact]
    public async Task CallTool_OutputNotAnObject_TextOnly()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.plain"));
        await using var kami = new InMemoryKami(registry, new FakeExecutor(_ => ExecutionResult.Success("[1,2]", ExecutionMetrics.Empty)));
        var client = await kami.ConnectAsync();

        var result = await client.CallToolAsync("dev.kami.plain");

        Assert.Equal("[1,2]", result.Content.OfType<TextContentBlock>().Single().Text);
        Assert.Null(result.StructuredContent);
    }

    [Fact]
    public async Task CallTool_GuestFails_ErrorResultWithItsMessage()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.fail"));
        await using var kami = new InMemoryKami(registry, new FakeExecutor(_ =>
            ExecutionResult.Failure(ExecutionError.Of(ErrorKind.GuestFailed, "tool dev.kami.fail reported an error: nope"), ExecutionMetrics.Empty)));
        var client = await kami.ConnectAsync();

        var result = await client.CallToolAsync("dev.kami.fail");

        Assert.True(result.IsError);
        Assert.Equal("tool dev.kami.fail reported an error: nope", result.Content.OfType<TextContentBlock>().Single().Text);
        Assert.Null(result.StructuredContent);
    }

    [Fact]
    public async Task CallTool_UnknownTool_ErrorResultThatSaysSo()
    {
        await using var kami = new InMemoryKami(new FakeRegistry(), FakeExecutor.Echo());
        var client = await kami.ConnectAsync();

        var result = await client.CallToolAsync("dev.kami.nope");

        Assert.True(result.IsError);
        Assert.Contains("unknown tool 'dev.kami.nope'", result.Content.OfType<TextContentBlock>().Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_DisabledTool_ErrorResultNamesTheFix()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.off") with { Enabled = false });
        await using var kami = new InMemoryKami(registry, FakeExecutor.Echo());
        var client = await kami.ConnectAsync();

        var result = await client.CallToolAsync("dev.kami.off");

        Assert.True(result.IsError);
        Assert.Contains("kami enable dev.kami.off", result.Content.OfType<TextContentBlock>().Single().Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "missing required argument 'text'")]
    [InlineData("""{"text":3}""", "argument 'text' must be a string, not a number")]
    [InlineData("""{"text":"a","other":1}""", "unknown argument 'other'")]
    public async Task CallTool_InvalidArguments_ErrorResultAndGuestNeverRuns(string arguments, string expected)
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.echo", Text()));
        var executor = FakeExecutor.Echo();
        await using var kami = new InMemoryKami(registry, executor);
        var client = await kami.ConnectAsync();

        var parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(arguments)!;
        var result = await client.CallToolAsync("dev.kami.echo", parsed.ToDictionary(p => p.Key, p => (object?)p.Value));

        Assert.True(result.IsError);
        Assert.Contains(expected, result.Content.OfType<TextContentBlock>().Single().Text, StringComparison.Ordinal);
        Assert.Empty(executor.Requests);
    }
}
