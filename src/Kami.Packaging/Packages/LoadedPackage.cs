using Kami.Core.Tools;

namespace Kami.Packaging.Packages;

/// <summary>A package whose manifest is valid and whose component was found; <see cref="WasmFile"/> is absolute.</summary>
public sealed record LoadedPackage(string Root, string ManifestText, ToolManifest Manifest, string WasmFile);
