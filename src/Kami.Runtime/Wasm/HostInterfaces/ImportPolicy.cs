namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>Whether KAMI links a component's import, and why not: asked of every interface in <see cref="HostInterfaceSet"/>.</summary>
internal static class ImportPolicy
{
    public static bool IsProvided(string import) => HostInterfaceSet.All.Any(h => h.Provides(import));

    /// <summary>Why an import is refused with a pointer to what to use instead, or null for the generic message.</summary>
    public static string? Hint(string import) => HostInterfaceSet.All.Select(h => h.RefusalHint(import)).FirstOrDefault(h => h is not null);
}
