using System.Diagnostics;
using System.Text;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Runtime.Execution;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Runs one call in a fresh Store and instance, under the tool's policy: fuel, memory cap, an epoch deadline
/// checked every tick (wall clock and cancellation), WASI with only what the policy grants, bounded output.
/// Nothing survives the call. Runs synchronously on the calling (worker) thread.
/// </summary>
internal sealed class GuestInvoker(WasmEngine engine)
{
    private const long MaxTableElements = 1_000_000;

    public ExecutionResult Invoke(LoadedComponent component, ExecutionRequest request, CancellationToken cancellation, TimeSpan queueWait)
    {
        var policy = request.Policy;
        var options = engine.Options;
        var memoryLimit = (long)policy.MaxMemoryMb << 20;
        var console = new ConsoleCapture(options.MaxConsoleBytes);
        var started = Stopwatch.GetTimestamp();
        var budget = TimeSpan.FromMilliseconds(policy.MaxExecutionMs);

        using var store = new Store(engine.Engine);
        store.SetLimits(memorySize: memoryLimit, tableElements: (uint)MaxTableElements, instances: 1_000, tables: 1_000, memories: 100);
        store.Fuel = policy.MaxFuel;
        // The deadline fires every tick; the callback ends the guest on cancellation or when the budget is spent.
        store.SetEpochDeadline(1);
        store.SetEpochDeadlineCallback(_ =>
        {
            if (cancellation.IsCancellationRequested) throw new GuestInterruptedException(InterruptReason.Cancelled);
            if (Stopwatch.GetElapsedTime(started) >= budget) throw new GuestInterruptedException(InterruptReason.TimedOut);
            return 1;
        });
        store.SetWasiConfiguration(WasiSandbox.Build(request, console));

        using var scope = new CallContext(request.ToolId, request.LogSink, options.MaxLogMessages).Enter();
        ExecutionResult Result(bool ok, string? output, ErrorKind? kind, string? error) =>
            new(ok, output, kind, error, new ExecutionMetrics(Stopwatch.GetElapsedTime(started), policy.MaxFuel - store.Fuel, memoryLimit, queueWait));
        try
        {
            var instance = engine.Linker.Instantiate(store, component.Component);
            var run = instance.GetFunction(ComponentLoader.ToolInterface, "run")
                ?? throw new KamiException(ErrorKind.ComponentInvalid, $"tool {request.ToolId} does not export run");
            var value = run.Call(ComponentValue.String(request.Input))
                ?? throw new KamiException(ErrorKind.ComponentInvalid, $"tool {request.ToolId}: run returned no result");
            var payload = value.Payload?.AsString() ?? "";
            var bytes = Encoding.UTF8.GetByteCount(payload);
            if (bytes > options.MaxOutputBytes)
                return Result(false, null, ErrorKind.LimitExceeded,
                    $"tool {request.ToolId} returned {bytes:N0} bytes, more than the output limit of {options.MaxOutputBytes:N0} bytes");
            return value.IsOk ? Result(true, payload, null, null) : Result(false, null, ErrorKind.GuestFailed, payload);
        }
        catch (WasmtimeException e)
        {
            var (kind, message) = TrapClassifier.Classify(request.ToolId, e, policy);
            return Result(false, null, kind, message);
        }
        catch (KamiException e)
        {
            return Result(false, null, e.Kind, e.Message);
        }
        finally
        {
            console.Flush(request.ToolId, request.LogSink);
        }
    }
}
