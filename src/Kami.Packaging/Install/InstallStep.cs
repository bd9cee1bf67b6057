namespace Kami.Packaging.Install;

/// <summary>The points of an install between which a crash must leave the old state or the new one.</summary>
public enum InstallStep
{
    /// <summary>The package was read and checked in a private staging directory; nothing is installed yet.</summary>
    Staged,
    /// <summary>The package was copied to its final form in staging and the copied component hashed again.</summary>
    Copied,
    /// <summary>The copy was moved to its install directory, which no registry row points at yet.</summary>
    Published,
    /// <summary>The registry transaction committed: the new tool is installed.</summary>
    Recorded,
    /// <summary>The replaced version's directory, if any, was removed.</summary>
    Cleaned,
}
