namespace Kami.Core.Registry;

/// <summary>Components are the files the install wrote on this machine: nothing to fetch, and no stat on the call path.</summary>
public sealed class LocalComponentStore : IComponentStore
{
    /// <summary>The one instance.</summary>
    public static LocalComponentStore Instance { get; } = new();

    private LocalComponentStore()
    {
    }

    /// <inheritdoc/>
    public void EnsureLocal(string sha256, string wasmFile)
    {
    }
}
