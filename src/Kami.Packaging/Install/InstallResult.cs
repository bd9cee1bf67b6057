using Kami.Core.Registry;

namespace Kami.Packaging.Install;

/// <summary>What an install did.</summary>
/// <param name="Tool">The tool as now recorded (enabled).</param>
/// <param name="Replaced">The record it replaced (an upgrade, a downgrade or a forced re-install), or null for a new tool.</param>
/// <param name="Notes">Things worth telling the user that did not stop the install, such as a component found under another name.</param>
public sealed record InstallResult(InstalledTool Tool, InstalledTool? Replaced, IReadOnlyList<string> Notes);
