using System.Text.RegularExpressions;
using Kami.Core.Errors;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// <c>oci://HOST/NAMESPACE/NAME:TAG</c> or <c>oci://HOST/NAMESPACE/NAME@sha256:HEX</c>: where an artifact lives.
/// HOST is what the operator names; the registry that serves it may be another (registry discovery).
/// </summary>
/// <param name="Host">host[:port], lowercase.</param>
/// <param name="Repository">The repository path under HOST (OCI's name grammar: lowercase components joined by '/').</param>
/// <param name="Tag">The tag, or null when a digest is given.</param>
/// <param name="Digest">sha256:HEX, or null when only a tag is given.</param>
public sealed partial record OciReference(string Host, string Repository, string? Tag, string? Digest)
{
    /// <summary>The prefix that marks an OCI reference.</summary>
    public const string Prefix = "oci://";

    private const string Form = "write it as oci://HOST/NAMESPACE/NAME:TAG or oci://HOST/NAMESPACE/NAME@sha256:<64 hex>";

    // The OCI distribution spec's grammar for repository names and tags.
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryName();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex TagName();

    /// <summary>What a manifest request names: the digest when there is one, else the tag.</summary>
    public string ManifestReference => Digest ?? Tag!;

    /// <summary>Whether <paramref name="text"/> starts with <c>oci://</c>.</summary>
    public static bool IsOci(string text) => text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The same repository pinned to <paramref name="manifestDigest"/>: what install records as the source.</summary>
    public string PinnedTo(string manifestDigest) => $"{Prefix}{Host}/{Repository}@{manifestDigest}";

    /// <inheritdoc/>
    public override string ToString() => $"{Prefix}{Host}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    /// <summary>Whether <paramref name="name"/> is a repository name by the OCI grammar (at most 255 characters).</summary>
    public static bool IsRepositoryName(string name) => name.Length is > 0 and <= 255 && RepositoryName().IsMatch(name);

    /// <summary>Parses an <c>oci://</c> reference; throws a <see cref="KamiException"/> (InvalidInput) saying what is wrong.</summary>
    public static OciReference Parse(string text)
    {
        if (!IsOci(text)) throw Invalid(text, "it does not start with oci://");
        var rest = text[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) throw Invalid(text, "it names no repository after the host");
        var host = ParseHost(text, rest[..slash]);
        var path = rest[(slash + 1)..];

        string? digest = null;
        var at = path.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = path[(at + 1)..];
            path = path[..at];
            if (!OciDigest.IsSha256(digest))
                throw Invalid(text, digest.StartsWith("sha256:", StringComparison.Ordinal)
                    ? "its digest is not sha256: followed by 64 lowercase hex characters"
                    : "only sha256 digests are supported");
        }
        string? tag = null;
        var colon = path.LastIndexOf(':');
        if (colon > path.LastIndexOf('/'))
        {
            tag = path[(colon + 1)..];
            path = path[..colon];
            if (!TagName().IsMatch(tag)) throw Invalid(text, $"\"{tag}\" is not a valid tag (letters, digits, '.', '_', '-'; at most 128)");
        }
        if (tag is null && digest is null) throw Invalid(text, "it names neither a tag nor a digest");
        if (!IsRepositoryName(path))
            throw Invalid(text, $"\"{path}\" is not a valid repository name (lowercase letters, digits and . _ - between them, components joined by '/')");
        return new OciReference(host, path, tag, digest);
    }

    private static string ParseHost(string text, string authority)
    {
        if (authority.IndexOfAny(['@', '?', '#', '\\', ' ']) >= 0
            || !Uri.TryCreate("https://" + authority + "/", UriKind.Absolute, out var uri)
            || (!uri.Authority.Equals(authority, StringComparison.OrdinalIgnoreCase) && !authority.Equals(uri.Authority + ":443", StringComparison.OrdinalIgnoreCase)))
            throw Invalid(text, $"\"{authority}\" is not a host[:port]");
        return authority.ToLowerInvariant();
    }

    private static KamiException Invalid(string text, string why) =>
        new(ErrorKind.InvalidInput, $"{text} is not an OCI reference: {why}; {Form}");
}
