using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using Kami.Runtime.Tests.Infrastructure;
using Kami.Runtime.Wasm.HostInterfaces;

namespace Kami.Runtime.Tests;

/// <summary>kami:mcp/content: the blocks a guest adds reach the result checked, in order, and bounded.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class ContentTests(RuntimeFixture fixture)
{
    private const string RedPixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12P4z8AAAAMBAQAY3Y2wAAAAAElFTkSuQmCC";

    [Fact]
    public async Task Add_Image_ResultCarriesItAndNoText()
    {
        var result = await Run("image");

        Assert.Equal("", result.Output);
        Assert.Equal(new ContentBlock.Media(false, "image/png", RedPixel), Assert.Single(result.Content));
    }

    [Fact]
    public async Task Add_SeveralKinds_KeptInOrderBeforeTheReturnedText()
    {
        var result = await Run("mixed");

        Assert.Equal("done", result.Output);
        Assert.Equal<ContentBlock>([
            new ContentBlock.Text("hello"),
            new ContentBlock.Media(false, "image/png", RedPixel),
            new ContentBlock.Embedded("test://mixed-content-resource", "application/json", """{"test":"data"}""", null),
            new ContentBlock.Link("https://example.com/report", "report", "text/html", null),
        ], result.Content);
    }

    [Fact]
    public async Task Add_Audio_Kept()
    {
        var result = await Run("audio");

        Assert.Equal("added", result.Output);
        Assert.Equal("audio/wav", Assert.IsType<ContentBlock.Media>(Assert.Single(result.Content)) is { IsAudio: true } audio ? audio.MimeType : null);
    }

    [Fact]
    public async Task Add_HundredThousandBlocks_RefusedPastTheBoundAndTheCallEndsNormally()
    {
        var result = await Run("flood");

        Assert.Equal($"added {ContentRules.MaxBlocks}; at most {ContentRules.MaxBlocks} content blocks per result", result.Output);
        Assert.Equal(ContentRules.MaxBlocks, result.Content.Count);
    }

    [Fact]
    public async Task Add_ImageLargerThanTheOutputLimit_Refused()
    {
        var result = await Run("huge");

        Assert.StartsWith("the result would be 8,388,6", result.Output, StringComparison.Ordinal);
        Assert.Contains($"output limit is {fixture.Runtime.Options.MaxOutputBytes:N0} bytes", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Content);
    }

    [Theory]
    [InlineData("svg", "image MIME type \"image/svg+xml\" is not allowed (use image/png, image/jpeg, image/gif, image/webp)")]
    [InlineData("badb64", "data-base64 is not valid base64 (standard alphabet, with padding)")]
    [InlineData("file-link", "URIs with the scheme \"file:\" are not allowed in a result")]
    public async Task Add_BlockBreakingARule_RefusedWithTheReason(string mode, string reason)
    {
        var result = await Run(mode);

        Assert.Equal(reason, result.Output);
        Assert.Empty(result.Content);
    }

    [Fact]
    public async Task Add_ThenFail_BlocksDropped()
    {
        var result = await fixture.RunAsync("content", """{"mode":"err-after"}""");

        Expect.Failure(result, ErrorKind.GuestFailed, "failed after adding an image");
    }

    [Fact]
    public async Task Run_NoBlocksAdded_ContentEmpty()
    {
        var result = Assert.IsType<ExecutionResult.Succeeded>(await fixture.RunAsync("echo", """{"text":"hi"}"""));

        Assert.Empty(result.Content);
    }

    private async Task<ExecutionResult.Succeeded> Run(string mode)
    {
        var result = await fixture.RunAsync("content", $$"""{"mode":"{{mode}}"}""");
        Expect.Success(result);
        return Assert.IsType<ExecutionResult.Succeeded>(result);
    }
}
