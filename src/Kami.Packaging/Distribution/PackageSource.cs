using System.Text.RegularExpressions;
using Kami.Core.Tools;
using Kami.Packaging.Distribution.Oci;

namespace Kami.Packaging.Distribution;

/// <summary>What an install argument names: a local package, a URL, an OCI artifact, a GitHub release (owner/repo@tag), or an index id.</summary>
public abstract partial record PackageSource
{
    /// <summary>Where GitHub release shorthands (owner/repo@tag) are downloaded from.</summary>
    public const string GitHubBase = "https://github.com";

    /// <summary>A directory, tool.toml or plugin.zip on this machine.</summary>
    /// <param name="Path">The path as the operator gave it.</param>
    public sealed record Local(string Path) : PackageSource;

    /// <summary>A plugin.zip to download (HTTPS, or HTTP to loopback).</summary>
    /// <param name="Address">The absolute URL.</param>
    public sealed record Url(Uri Address) : PackageSource;

    /// <summary>A Wasm OCI artifact in a registry (oci://HOST/NAMESPACE/NAME:TAG or @sha256:…).</summary>
    /// <param name="Reference">The parsed reference.</param>
    public sealed record Oci(OciReference Reference) : PackageSource;

    /// <summary>A GitHub release's plugin.zip, named as owner/repo@tag.</summary>
    /// <param name="Owner">The repository's owner.</param>
    /// <param name="Repo">The repository.</param>
    /// <param name="Tag">The release tag.</param>
    public sealed record GitHub(string Owner, string Repo, string Tag) : PackageSource
    {
        /// <summary>The release asset the Rust KAMI publishes: plugin.zip.</summary>
        public Uri Address(string baseUrl = GitHubBase) => new($"{baseUrl.TrimEnd('/')}/{Owner}/{Repo}/releases/download/{Uri.EscapeDataString(Tag)}/plugin.zip");
    }

    /// <summary>A tool id in the configured index, at a version or (null) its newest.</summary>
    /// <param name="Id">The tool id.</param>
    /// <param name="Version">The version asked for, or null for the newest.</param>
    public sealed record Index(ToolId Id, ToolVersion? Version) : PackageSource;

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<repo>[A-Za-z0-9._-]{1,100})@(?<tag>[A-Za-z0-9._+-]{1,128})$")]
    private static partial Regex GitHubShorthand();

    /// <summary>
    /// A path that exists wins; then URLs, oci:// references (a malformed one throws, saying what is wrong), then
    /// owner/repo@tag, then id[@version]; anything else is a path (that the reader says is missing).
    /// </summary>
    public static PackageSource Classify(string text)
    {
        if (Directory.Exists(text) || File.Exists(text)) return new Local(text);
        if ((text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            && Uri.TryCreate(text, UriKind.Absolute, out var url))
            return new Url(url);
        if (OciReference.IsOci(text)) return new Oci(OciReference.Parse(text));
        if (GitHubShorthand().Match(text) is { Success: true } m && m.Groups["repo"].Value is not ("." or ".."))
            return new GitHub(m.Groups["owner"].Value, m.Groups["repo"].Value, m.Groups["tag"].Value);
        var at = text.LastIndexOf('@');
        var idText = at > 0 ? text[..at] : text;
        if (!idText.Contains('/') && !idText.Contains('\\') && ToolId.TryParse(idText, out var id, out _))
        {
            if (at < 0) return new Index(id, null);
            if (ToolVersion.TryParse(text[(at + 1)..], out var version, out _)) return new Index(id, version);
        }
        return new Local(text);
    }
}
