using System.Diagnostics;
using System.Text;
using Kami.Runtime.Contracts;
using ModelContextProtocol.Protocol;
using ContentBlock = ModelContextProtocol.Protocol.ContentBlock;
using GuestBlock = Kami.Runtime.Contracts.ContentBlock;

namespace Kami.Mcp.Tools;

/// <summary>
/// The content of a successful call as MCP sends it: the blocks the guest added (kami:mcp/content), in order, then
/// its returned text when not empty. A tool that added nothing gets its text alone, even when empty, as before.
/// </summary>
internal static class ResultContent
{
    public static IList<ContentBlock> Of(ExecutionResult.Succeeded ok)
    {
        if (ok.Content.Count == 0) return [new TextContentBlock { Text = ok.Output }];
        var blocks = new List<ContentBlock>(ok.Content.Count + 1);
        foreach (var block in ok.Content) blocks.Add(ToMcp(block));
        if (ok.Output.Length > 0) blocks.Add(new TextContentBlock { Text = ok.Output });
        return blocks;
    }

    private static ContentBlock ToMcp(GuestBlock block) => block switch
    {
        GuestBlock.Text text => new TextContentBlock { Text = text.Value },
        GuestBlock.Media { IsAudio: false } image => new ImageContentBlock { MimeType = image.MimeType, Data = Ascii(image.DataBase64) },
        GuestBlock.Media audio => new AudioContentBlock { MimeType = audio.MimeType, Data = Ascii(audio.DataBase64) },
        GuestBlock.Link link => new ResourceLinkBlock { Uri = link.Uri, Name = link.Name, MimeType = link.MimeType, Description = link.Description },
        GuestBlock.Embedded { BodyText: { } body } embedded =>
            new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = embedded.Uri, MimeType = embedded.MimeType, Text = body } },
        GuestBlock.Embedded embedded =>
            new EmbeddedResourceBlock { Resource = new BlobResourceContents { Uri = embedded.Uri, MimeType = embedded.MimeType, Blob = Ascii(embedded.BlobBase64!) } },
        _ => throw new UnreachableException(),
    };

    // Base64 text is ASCII; the SDK keeps it as UTF-8 bytes.
    private static byte[] Ascii(string base64) => Encoding.ASCII.GetBytes(base64);
}
