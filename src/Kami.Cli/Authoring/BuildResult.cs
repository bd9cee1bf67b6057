using Kami.Core.Tools;

namespace Kami.Cli.Authoring;

/// <summary>A built and checked component: where it is, how big, how long the build took, what it imports.</summary>
internal sealed record BuildResult(ToolManifest Manifest, ToolSource Source, string WasmFile, long Bytes, TimeSpan BuildTime, TimeSpan CheckTime, IReadOnlyList<string> Imports);
