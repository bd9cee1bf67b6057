namespace Kami.Packaging.Install;

/// <summary><see cref="Force"/> re-installs the same version or downgrades; neither happens by accident.</summary>
public sealed record InstallOptions(bool Force = false);
