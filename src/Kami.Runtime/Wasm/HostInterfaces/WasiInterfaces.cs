using Wasmtime.Components;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>
/// WASI 0.2.x, which real guests import even when they never call it. The WASI context of each call (WasiSandbox)
/// denies files, network and environment unless the policy allows; the calls that would make a guest wait in the
/// host are refused by <see cref="WasiWaitGuard"/>.
/// </summary>
internal sealed class WasiInterfaces : HostInterface
{
    private static readonly string[] Packages = ["wasi:io/", "wasi:clocks/", "wasi:random/", "wasi:cli/", "wasi:filesystem/", "wasi:sockets/"];

    public override string Name => "WASI 0.2 cli, clocks, filesystem, io, random, sockets";

    public override bool Provides(string import)
    {
        var at = import.IndexOf('@');
        if (at < 0) return false;
        var package = import[..at];
        return import.AsSpan(at + 1).StartsWith("0.2.", StringComparison.Ordinal) && Packages.Any(p => package.StartsWith(p, StringComparison.Ordinal));
    }

    public override string? RefusalHint(string import) =>
        import.StartsWith("wasi:http/", StringComparison.Ordinal)
            ? $"{import} is not provided because its requests cannot be checked against the tool's net_allow_list; import {HttpOutgoingInterface.Interface} (wit/http.wit) for outbound HTTP"
            : null;

    public override void Define(ComponentLinker linker, HostServices services)
    {
        linker.AddWasiPreview2();
        WasiWaitGuard.Define(linker);
    }
}
