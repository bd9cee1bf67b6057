using System.Buffers.Text;
using Kami.Core.Tools;
using Kami.Runtime.Contracts;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>
/// What a content block from a guest must be before it reaches a client: a block is rendered by the agent's UI, so
/// only media types clients show safely (no SVG, whose scripts run where it is drawn), valid base64, and URIs that
/// name a place rather than run something (no javascript:, data:, file: or vbscript:). Each refusal is one sentence
/// the guest gets back.
/// </summary>
internal static class ContentRules
{
    public const int MaxBlocks = 64;
    public const int MaxUriChars = 2048;
    public const int MaxNameChars = 256;
    public const int MaxDescriptionChars = 1024;


    public static string? MediaRefusal(bool audio, string mimeType, string dataBase64)
    {
        var allowed = audio ? ClientContent.AudioTypes : ClientContent.ImageTypes;
        if (!allowed.Contains(mimeType, StringComparer.Ordinal))
            return $"{(audio ? "audio" : "image")} MIME type \"{Shorten(mimeType)}\" is not allowed (use {string.Join(", ", allowed)})";
        return Base64Refusal(dataBase64, "data-base64");
    }

    public static string? Base64Refusal(string base64, string field) =>
        base64.Length == 0 ? $"{field} is empty"
        : Base64.IsValid(base64.AsSpan()) ? null
        : $"{field} is not valid base64 (standard alphabet, with padding)";

    public static string? UriRefusal(string uri)
    {
        if (uri.Length > MaxUriChars) return $"the URI is {uri.Length:N0} characters; at most {MaxUriChars:N0} are allowed";
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed)) return $"\"{Shorten(uri)}\" is not an absolute URI";
        if (ClientContent.IsRefusedScheme(parsed.Scheme)) return $"URIs with the scheme \"{parsed.Scheme}:\" are not allowed in a result";
        return null;
    }

    /// <summary>A MIME type named on a link or an embedded resource: the form type/subtype, nothing more.</summary>
    public static string? MimeTypeRefusal(string? mimeType)
    {
        if (mimeType is null) return null;
        var slash = mimeType.IndexOf('/', StringComparison.Ordinal);
        var valid = mimeType.Length <= 127 && slash > 0 && slash < mimeType.Length - 1
            && mimeType.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '+' or '-' or '.' or '_') && mimeType.Count(c => c == '/') == 1;
        return valid ? null : $"\"{Shorten(mimeType)}\" is not a MIME type (type/subtype)";
    }

    public static string? TextRefusal(string? text, int max, string field) =>
        text is { Length: var length } && length > max ? $"{field} is {length:N0} characters; at most {max:N0} are allowed" : null;

    public static string? SizeRefusal(ContentBlock block, long usedBytes, int maxBytes) =>
        usedBytes + block.Size > maxBytes
            ? $"the result would be {usedBytes + block.Size:N0} bytes; the call's output limit is {maxBytes:N0} bytes over every block and the returned text"
            : null;

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
