using Kami.Core.Tools;
using Kami.Packaging.Manifest;

namespace Kami.Packaging.Packages;

/// <summary>A package whose manifest is valid and whose component was found; <see cref="WasmFile"/> is absolute.</summary>
public sealed record LoadedPackage(string Root, string ManifestText, ToolManifest Manifest, string WasmFile)
{
    /// <summary>The package's <c>tool.toml</c>.</summary>
    public string ManifestFile => Path.Combine(Root, ManifestParser.FileName);
}
