using Wasmtime.Components;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>
/// The <c>kami:mcp/progress@0.1.0</c> interface (wit/mcp.wit): a running guest's progress reports, checked and
/// rate-bounded here, then handed to the call's <see cref="Contracts.IProgressSink"/> (the MCP request's progress
/// token). A report is never an error for the guest: what does not pass is dropped.
/// </summary>
internal sealed class ProgressInterface : HostInterface
{
    public const string Interface = "kami:mcp/progress@0.1.0";
    public const int MaxMessageChars = 1024;

    public override string Name => Interface;

    public override bool Provides(string import) => import.StartsWith("kami:mcp/progress@0.1.", StringComparison.Ordinal);

    public override void Define(ComponentLinker linker, HostServices services)
    {
        using var root = linker.Root();
        using var progress = root.AddInstance(Interface);
        progress.DefineFunction("report", Report);
    }

    private static void Report(ReadOnlySpan<ComponentValue> args, Span<ComponentValue> results)
    {
        var call = CallContext.Current;
        if (call?.Progress is not { } sink) return;
        var progress = args[0].AsF64();
        double? total = args[1].IsSome ? args[1].Payload!.AsF64() : null;
        if (!double.IsFinite(progress) || progress < 0 || total is { } t && (!double.IsFinite(t) || t < 0)) return;
        if (!call.State<ProgressCallState>().TryForward(progress, total)) return;
        var message = args[2].IsSome ? args[2].Payload!.AsString() : null;
        if (message is { Length: > MaxMessageChars }) message = message[..MaxMessageChars] + "…";
        try
        {
            sink.Report(call.ToolId, progress, total, message);
        }
        catch (Exception)
        {
            // A failing sink must not turn into a trap in the guest: the report is lost, the call goes on.
        }
    }
}
