namespace Kami.Core.Tools;

/// <summary>
/// A prompt a package declares in tool.toml (<c>[[prompts]]</c>), served as <c>prompts/get</c> under the tool's id and
/// the prompt's name. Its messages are, in order: an image (inline base64), an embedded resource, then the text; the
/// text and the resource's URI and text take <c>{argument}</c> placeholders. Everything is the package's own: no file
/// or guest is read when the prompt is served.
/// </summary>
public sealed record PackagePrompt(string Name, string Description, IReadOnlyList<string> Arguments, string Text)
{
    /// <summary>An image message before the text: its MIME type and base64 bytes.</summary>
    public (string MimeType, string Base64)? Image { get; init; }

    /// <summary>An embedded resource message before the text: its URI (may hold placeholders), MIME type and text.</summary>
    public (string Uri, string MimeType, string Text)? Resource { get; init; }

    /// <summary>A value the prompt asks the user for (elicitation) before it is given: the question, and the placeholder the answer fills.</summary>
    public (string Message, string Field)? Ask { get; init; }
}
