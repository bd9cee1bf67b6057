using Wasmtime.Components;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>Every interface KAMI links, in the order they go on the linker (WASI first: the wait guard shadows part of it).</summary>
internal static class HostInterfaceSet
{
    public static IReadOnlyList<HostInterface> All { get; } = [new WasiInterfaces(), new ToolHostInterface(), new HttpOutgoingInterface(), new ProgressInterface(), new ContentInterface(), new InputInterface()];

    /// <summary>What KAMI provides, as a refusal lists it.</summary>
    public static string Available { get; } = string.Join(", ", All.Select(i => i.Name));

    public static void DefineAll(ComponentLinker linker, HostServices services)
    {
        foreach (var host in All) host.Define(linker, services);
    }
}
