using Kami.Runtime.Contracts;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static Kami.Mcp.Tests.InMemory.Tools;
using GuestBlock = Kami.Runtime.Contracts.ContentBlock;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>The blocks a guest adds (kami:mcp/content) reach the client as MCP content, in order, before its text.</summary>
public sealed class RichResultTests
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12P4z8AAAAMBAQAY3Y2wAAAAAElFTkSuQmCC";

    [Fact]
    public async Task Call_GuestAddedEveryKind_ClientGetsThemInOrderThenTheText()
    {
        var result = await Call("done",
            new GuestBlock.Text("hello"),
            new GuestBlock.Media(false, "image/png", Png),
            new GuestBlock.Media(true, "audio/wav", "UklGRg=="),
            new GuestBlock.Link("https://example.com/r", "r", "text/html", "a report"),
            new GuestBlock.Embedded("test://text", "text/plain", "body", null),
            new GuestBlock.Embedded("test://blob", "application/octet-stream", null, "AAEC"));

        Assert.Collection(result.Content,
            b => Assert.Equal("hello", Assert.IsType<TextContentBlock>(b).Text),
            b => Assert.Equal(("image/png", Png), Assert.IsType<ImageContentBlock>(b) is var i ? (i.MimeType, Convert.ToBase64String(i.DecodedData.Span)) : default),
            b => Assert.Equal("audio/wav", Assert.IsType<AudioContentBlock>(b).MimeType),
            b => Assert.Equal(("https://example.com/r", "r", "a report"), Assert.IsType<ResourceLinkBlock>(b) is var l ? (l.Uri, l.Name, l.Description) : default),
            b => Assert.Equal("body", Assert.IsType<TextResourceContents>(Assert.IsType<EmbeddedResourceBlock>(b).Resource).Text),
            b => Assert.Equal([0, 1, 2], Assert.IsType<BlobResourceContents>(Assert.IsType<EmbeddedResourceBlock>(b).Resource).DecodedData.ToArray()),
            b => Assert.Equal("done", Assert.IsType<TextContentBlock>(b).Text));
    }

    [Fact]
    public async Task Call_BlocksAndEmptyText_NoEmptyTextBlock()
    {
        var result = await Call("", new GuestBlock.Media(false, "image/png", Png));

        Assert.IsType<ImageContentBlock>(Assert.Single(result.Content));
    }

    [Fact]
    public async Task Call_NoBlocks_TextAloneAsBefore()
    {
        var result = await Call("");

        Assert.Equal("", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    private static async Task<CallToolResult> Call(string output, params GuestBlock[] blocks)
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.rich"));
        await using var kami = new InMemoryKami(registry, new FakeExecutor(_ => ExecutionResult.Success(output, blocks, ExecutionMetrics.Empty)));
        var client = await kami.ConnectAsync();
        var result = await client.CallToolAsync("dev.kami.rich");
        Assert.NotEqual(true, result.IsError);
        return result;
    }
}
