using Kami.Runtime.Contracts;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>The <c>kami:tool/host@0.1.0</c> interface: what KAMI offers guests beyond WASI.</summary>
internal sealed class ToolHostInterface : HostInterface
{
    public const string Interface = "kami:tool/host@0.1.0";
    public const int MaxLogMessageChars = 8 * 1024;

    public override string Name => Interface;

    public override bool Provides(string import) => import.StartsWith("kami:tool/host@0.1.", StringComparison.Ordinal);

    public override void Define(ComponentLinker linker, HostServices services)
    {
        using var root = linker.Root();
        using var host = root.AddInstance(Interface);
        host.DefineFunction("log", Log);
    }

    private static void Log(ReadOnlySpan<ComponentValue> args, Span<ComponentValue> results)
    {
        var context = CallContext.Current;
        if (context?.Sink is null) return;
        var level = args[0].AsEnum() switch
        {
            "trace" => GuestLogLevel.Trace,
            "debug" => GuestLogLevel.Debug,
            "warn" => GuestLogLevel.Warn,
            "error" => GuestLogLevel.Error,
            _ => GuestLogLevel.Info,
        };
        var message = args[1].AsString();
        if (message.Length > MaxLogMessageChars) message = message[..MaxLogMessageChars] + "…";
        context.Log(level, message);
    }
}
