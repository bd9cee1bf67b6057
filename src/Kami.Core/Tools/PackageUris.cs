namespace Kami.Core.Tools;

/// <summary>Which URIs a package's prompts and resources may name: absolute, and not a script, file or data URI.</summary>
public static class PackageUris
{
    private static readonly string[] RefusedSchemes = ["javascript", "data", "file", "vbscript"];

    /// <summary>Why <paramref name="uri"/> may not be served; null when it may.</summary>
    public static string? Problem(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed)) return "must be an absolute URI (scheme://...)";
        return RefusedSchemes.Contains(parsed.Scheme, StringComparer.OrdinalIgnoreCase) ? $"uses the {parsed.Scheme}: scheme, which KAMI does not serve" : null;
    }
}
