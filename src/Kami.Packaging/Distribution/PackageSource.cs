using System.Text.RegularExpressions;
using Kami.Core.Tools;

namespace Kami.Packaging.Distribution;

/// <summary>What an install argument names: a local package, a URL, a GitHub release (owner/repo@tag), or an index id.</summary>
public abstract partial record PackageSource
{
    public const string GitHubBase = "https://github.com";

    public sealed record Local(string Path) : PackageSource;

    public sealed record Url(Uri Address) : PackageSource;

    public sealed record GitHub(string Owner, string Repo, string Tag) : PackageSource
    {
        /// <summary>The release asset the Rust KAMI publishes: plugin.zip.</summary>
        public Uri Address(string baseUrl = GitHubBase) => new($"{baseUrl.TrimEnd('/')}/{Owner}/{Repo}/releases/download/{Uri.EscapeDataString(Tag)}/plugin.zip");
    }

    public sealed record Index(ToolId Id, ToolVersion? Version) : PackageSource;

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<repo>[A-Za-z0-9._-]{1,100})@(?<tag>[A-Za-z0-9._+-]{1,128})$")]
    private static partial Regex GitHubShorthand();

    /// <summary>A path that exists wins; then URLs, then owner/repo@tag, then id[@version]; anything else is a path (that the reader says is missing).</summary>
    public static PackageSource Classify(string text)
    {
        if (Directory.Exists(text) || File.Exists(text)) return new Local(text);
        if ((text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            && Uri.TryCreate(text, UriKind.Absolute, out var url))
            return new Url(url);
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
