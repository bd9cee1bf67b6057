namespace Kami.Runtime.Contracts;

/// <summary>
/// One block of a tool's result beyond its returned text (kami:mcp/content), already checked by the host: MIME types
/// from the allowed set, base64 valid, URIs absolute and of an allowed scheme, sizes within the call's bounds.
/// </summary>
public abstract record ContentBlock
{
    private protected ContentBlock() { }

    /// <summary>What the block counts against the call's output limit (text as UTF-8, data as its base64 text).</summary>
    public abstract long Size { get; }

    /// <summary>Plain text.</summary>
    public sealed record Text(string Value) : ContentBlock
    {
        /// <inheritdoc />
        public override long Size => System.Text.Encoding.UTF8.GetByteCount(Value);
    }

    /// <summary>An image (<paramref name="IsAudio"/> false) or an audio clip, as base64.</summary>
    public sealed record Media(bool IsAudio, string MimeType, string DataBase64) : ContentBlock
    {
        /// <inheritdoc />
        public override long Size => DataBase64.Length + MimeType.Length;
    }

    /// <summary>A link to a resource the client may fetch itself.</summary>
    public sealed record Link(string Uri, string Name, string? MimeType, string? Description) : ContentBlock
    {
        /// <inheritdoc />
        public override long Size => Uri.Length + Name.Length + (MimeType?.Length ?? 0) + (Description?.Length ?? 0);
    }

    /// <summary>A resource carried in the result: its text, or its bytes as base64 (exactly one is set).</summary>
    public sealed record Embedded(string Uri, string? MimeType, string? BodyText, string? BlobBase64) : ContentBlock
    {
        /// <inheritdoc />
        public override long Size => Uri.Length + (MimeType?.Length ?? 0) + (BodyText is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(BodyText)) + (BlobBase64?.Length ?? 0);
    }
}
