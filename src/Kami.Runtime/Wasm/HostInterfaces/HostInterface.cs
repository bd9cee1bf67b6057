using Wasmtime.Components;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>
/// One interface the host offers guests: which imports it satisfies, what it is called where a refusal names it, and
/// how its functions go on the engine's one linker. Adding an interface is writing one of these and listing it in
/// <see cref="HostInterfaceSet.All"/>; what a call needs while the guest runs lives in a state object the functions
/// get from <see cref="CallContext.State{T}"/>.
/// </summary>
internal abstract class HostInterface
{
    /// <summary>How a refusal lists this interface among what KAMI provides, e.g. <c>kami:tool/host@0.1.0</c>.</summary>
    public abstract string Name { get; }

    /// <summary>True when a component's import (a WIT instance name with its version) is one this interface satisfies.</summary>
    public abstract bool Provides(string import);

    /// <summary>For an import KAMI refuses on purpose, the reason and what to use instead; null when this interface has nothing to say.</summary>
    public virtual string? RefusalHint(string import) => null;

    /// <summary>Puts this interface's functions on the linker, once per engine.</summary>
    public abstract void Define(ComponentLinker linker, HostServices services);
}
