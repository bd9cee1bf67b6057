using System.Diagnostics;
using System.Text;
using Kami.Core.Errors;
using Kami.Runtime.Execution;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Runs one call in a fresh Store and instance, under the tool's policy: fuel, memory cap, an epoch deadline
/// checked every tick (wall clock and cancellation), WASI with only what the policy grants, bounded output.
/// Nothing survives the call. Runs synchronously on the calling (worker) thread. The instance may have been made
/// ahead of the call (see <see cref="WorkerInstances"/>); it is new all the same and gets all of its limits.
/// </summary>
internal sealed class GuestInvoker : IWorkerLifecycle, IDisposable
{
    private readonly WasmEngine _engine;
    private readonly ThreadLocal<WorkerInstances> _workers;
    private volatile bool _disposed;

    public GuestInvoker(WasmEngine engine)
    {
        _engine = engine;
        var counts = ReadyInstances = new ReadyInstanceCounts();
        _workers = new(() => new WorkerInstances(counts), trackAllValues: true);
    }

    public ReadyInstanceCounts ReadyInstances { get; }

    public ExecutionResult Invoke(LoadedComponent component, ExecutionRequest request, CancellationToken cancellation, TimeSpan queueWait)
    {
        var policy = request.Policy;
        var options = _engine.Options;
        var worker = options.PrepareInstances ? _workers.Value! : null;
        worker?.DisposeUsed();
        var fresh = worker?.TakeReady(component, request);
        var started = Stopwatch.GetTimestamp();

        using var scope = new CallContext(request.ToolId, request.LogSink, options.MaxLogMessages).Enter();
        ExecutionResult Result(bool ok, string? output, ErrorKind? kind, string? error) =>
            new(ok, output, kind, error, new ExecutionMetrics(Stopwatch.GetElapsedTime(started), fresh?.FuelUsed ?? 0, (long)policy.MaxMemoryMb << 20, queueWait));
        try
        {
            fresh ??= FreshInstance.Create(_engine, component, request, cancellation);
            fresh.Start(cancellation); // made ahead or just now, the call itself gets all of its fuel and time
            var run = fresh.Run ?? throw new KamiException(ErrorKind.ComponentInvalid, $"tool {request.ToolId} does not export run");
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
            fresh?.Console.Flush(request.ToolId, request.LogSink);
            if (fresh is not null)
            {
                if (worker is not null) worker.Retire(fresh, request);
                else fresh.Dispose();
            }
        }
    }

    /// <summary>
    /// Called on a worker thread with nothing to do: finishes tearing down its last instance and makes a fresh one
    /// ready for the tool it ran last, so the next call of that tool skips instantiation.
    /// </summary>
    public void OnIdle(CancellationToken shutdown)
    {
        if (_engine.Options.PrepareInstances) _workers.Value!.PrepareNext(_engine, shutdown);
    }

    /// <summary>Called on a worker thread that has been idle a long time: frees the instance it made ahead.</summary>
    public void OnLongIdle()
    {
        if (_engine.Options.PrepareInstances) _workers.Value!.Clear();
    }

    /// <summary>Called on a worker thread as it exits (after Dispose too, when the runtime was disposed from a worker).</summary>
    public void OnExit()
    {
        if (!_disposed && _workers.IsValueCreated) _workers.Value!.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var worker in _workers.Values) worker.Dispose();
        _workers.Dispose();
    }
}
