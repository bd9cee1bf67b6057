namespace Kami.Core.Tools;

/// <summary>
/// What KAMI lets reach an agent's client from a tool or a package (result blocks, prompts, resources): media types
/// clients show safely (no SVG, whose scripts run where it is drawn), and URIs that name a place rather than run
/// something. One owner, so a guest's result and a package's prompt are held to the same lists.
/// </summary>
public static class ClientContent
{
    /// <summary>The image MIME types a result or a prompt may carry.</summary>
    public static readonly IReadOnlyList<string> ImageTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    /// <summary>The audio MIME types a result may carry.</summary>
    public static readonly IReadOnlyList<string> AudioTypes = ["audio/wav", "audio/mpeg", "audio/ogg", "audio/webm", "audio/flac", "audio/aac", "audio/mp4"];

    /// <summary>URI schemes never passed to a client: they run something or reach the host's files.</summary>
    public static readonly IReadOnlyList<string> RefusedSchemes = ["javascript", "data", "file", "vbscript"];

    /// <summary>True when <paramref name="scheme"/> is one of <see cref="RefusedSchemes"/>.</summary>
    public static bool IsRefusedScheme(string scheme) => RefusedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);

    /// <summary>Why a package may not serve <paramref name="uri"/>; null when it may.</summary>
    public static string? UriProblem(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed)) return "must be an absolute URI (scheme://...)";
        return IsRefusedScheme(parsed.Scheme) ? $"uses the {parsed.Scheme}: scheme, which KAMI does not serve" : null;
    }
}
