namespace Kami.Core.Tools;

/// <summary>
/// A resource a package declares in tool.toml (<c>[[resources]]</c>): a fixed URI, or a URI template whose <c>{name}</c>
/// segments are substituted into its text. The content is the package's own (inline text or base64 bytes), so a
/// package serves only what it shipped.
/// </summary>
public sealed record PackageResource(string Uri, string Name, string Description, string MimeType)
{
    /// <summary>True when <see cref="Uri"/> is a template (holds <c>{name}</c> segments).</summary>
    public bool IsTemplate => Uri.Contains('{');

    /// <summary>The text content (templates substitute into it), or null for bytes.</summary>
    public string? Text { get; init; }

    /// <summary>The bytes as base64, or null for text.</summary>
    public string? BlobBase64 { get; init; }
}
