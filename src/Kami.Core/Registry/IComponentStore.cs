namespace Kami.Core.Registry;

/// <summary>
/// Where installed components come from. On one machine they are the files the install wrote (nothing to do); in a
/// fleet they are kept in the shared database by SHA-256, and a replica fetches one into its own tools directory the
/// first time it needs it. Either way the runtime hashes what it loads against the pin before compiling.
/// </summary>
public interface IComponentStore
{
    /// <summary>
    /// Makes sure <paramref name="wasmFile"/> holds the component whose SHA-256 is <paramref name="sha256"/>, fetching it
    /// when this machine does not have it; throws <see cref="Errors.KamiException"/> when it cannot.
    /// Cheap after the first time for the same pair: it is on every call's path.
    /// </summary>
    void EnsureLocal(string sha256, string wasmFile);
}
