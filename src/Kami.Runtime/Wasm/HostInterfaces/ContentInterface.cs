using Kami.Runtime.Contracts;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>
/// The <c>kami:mcp/content@0.1.0</c> interface (wit/mcp.wit): a guest adds blocks to its result (text, image, audio,
/// resource links, embedded resources), each checked by <see cref="ContentRules"/> and kept in the call's
/// <see cref="ContentCallState"/>; a block that fails a rule is refused with a reason, and the call goes on.
/// </summary>
internal sealed class ContentInterface : HostInterface
{
    public const string Interface = "kami:mcp/content@0.1.0";

    public override string Name => Interface;

    public override bool Provides(string import) => import.StartsWith("kami:mcp/content@0.1.", StringComparison.Ordinal);

    public override void Define(ComponentLinker linker, HostServices services)
    {
        var maxBytes = services.MaxOutputBytes;
        using var root = linker.Root();
        using var content = root.AddInstance(Interface);
        content.DefineFunction("add", (args, results) => results[0] = Add(args[0], maxBytes));
    }

    private static ComponentValue Add(ComponentValue value, int maxBytes)
    {
        var call = CallContext.Current;
        if (call is null) return Refused("content can be added only while the tool runs");
        var state = call.State<ContentCallState>();
        if (state.Blocks.Count >= ContentRules.MaxBlocks) return Refused($"at most {ContentRules.MaxBlocks} content blocks per result");
        var (block, refusal) = Read(value);
        refusal ??= ContentRules.SizeRefusal(block!, state.Bytes, maxBytes);
        if (refusal is not null) return Refused(refusal);
        state.Add(block!);
        return ComponentValue.Ok();
    }

    private static (ContentBlock?, string?) Read(ComponentValue value)
    {
        var payload = value.Payload!;
        switch (value.AsVariant())
        {
            case "text":
                return (new ContentBlock.Text(payload.AsString()), null);
            case "image" or "audio":
            {
                var audio = value.AsVariant() == "audio";
                var mime = payload.Field("mime-type").AsString();
                var data = payload.Field("data-base64").AsString();
                return ContentRules.MediaRefusal(audio, mime, data) is { } why ? (null, why) : (new ContentBlock.Media(audio, mime, data), null);
            }
            case "link":
            {
                var link = new ContentBlock.Link(payload.Field("uri").AsString(), payload.Field("name").AsString(),
                    Optional(payload.Field("mime-type")), Optional(payload.Field("description")));
                var why = ContentRules.UriRefusal(link.Uri) ?? ContentRules.MimeTypeRefusal(link.MimeType)
                    ?? ContentRules.TextRefusal(link.Name, ContentRules.MaxNameChars, "the link's name")
                    ?? ContentRules.TextRefusal(link.Description, ContentRules.MaxDescriptionChars, "the link's description");
                return why is null ? (link, null) : (null, why);
            }
            case "resource":
            {
                var body = payload.Field("body");
                var text = body.AsVariant() == "text" ? body.Payload!.AsString() : null;
                var blob = text is null ? body.Payload!.AsString() : null;
                var embedded = new ContentBlock.Embedded(payload.Field("uri").AsString(), Optional(payload.Field("mime-type")), text, blob);
                var why = ContentRules.UriRefusal(embedded.Uri) ?? ContentRules.MimeTypeRefusal(embedded.MimeType)
                    ?? (blob is null ? null : ContentRules.Base64Refusal(blob, "blob-base64"));
                return why is null ? (embedded, null) : (null, why);
            }
            default:
                return (null, $"unknown content block \"{value.AsVariant()}\"");
        }
    }

    private static string? Optional(ComponentValue option) => option.IsSome ? option.Payload!.AsString() : null;

    private static ComponentValue Refused(string why) => ComponentValue.Err(ComponentValue.String(why));
}
