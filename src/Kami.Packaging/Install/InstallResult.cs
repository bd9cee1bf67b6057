using Kami.Core.Registry;

namespace Kami.Packaging.Install;

public sealed record InstallResult(InstalledTool Tool, InstalledTool? Replaced, IReadOnlyList<string> Notes);
