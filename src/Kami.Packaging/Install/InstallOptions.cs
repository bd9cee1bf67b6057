using Kami.Core.Tools;

namespace Kami.Packaging.Install;

/// <summary>
/// <see cref="Force"/> re-installs the same version or downgrades; neither happens by accident.
/// <see cref="Approve"/> sees the manifest that will be recorded before anything is granted, and throws to refuse.
/// </summary>
public sealed record InstallOptions(bool Force = false)
{
    /// <summary>Asked before anything is copied or granted; throw to refuse the install. Null approves every manifest.</summary>
    public Action<ToolManifest>? Approve { get; init; }
}
