namespace Kami.Packaging.Install;

/// <summary>The points of an install between which a crash must leave the old state or the new one.</summary>
public enum InstallStep { Staged, Copied, Published, Recorded, Cleaned }
