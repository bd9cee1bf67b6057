using System.Diagnostics;
using System.Text;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using Kami.Runtime.Wasm.HostInterfaces;
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
    private readonly ReadyInstanceStock _stock;
    private volatile bool _disposed;

    public GuestInvoker(WasmEngine engine)
    {
        _engine = engine;
        ReadyInstances = new ReadyInstanceCounts();
        var workers = Math.Max(1, engine.Options.MaxConcurrency);
        _stock = new ReadyInstanceStock(PoolingAllocatorSizing.ReadyInstances(workers), workers, ReadyInstances);
        _workers = new(() => new WorkerInstances(), trackAllValues: true);
    }

    public ReadyInstanceCounts ReadyInstances { get; }

    /// <summary>Instances made ahead and not yet used (for tests).</summary>
    internal int ReadyCount => _stock.Count;

    /// <summary>Drops the instances made ahead for a tool (its package was replaced, removed or disabled).</summary>
    public void Forget(string toolId) => _stock.Forget(toolId);

    /// <summary>Has an idle worker make one instance of a tool before its first call (see <see cref="ReadyInstanceStock.Prime"/>).</summary>
    public void Prime(LoadedComponent component, ExecutionRequest request)
    {
        if (_engine.Options.PrepareInstances) _stock.Prime(component, request);
    }

    public ExecutionResult Invoke(LoadedComponent component, ExecutionRequest request, CancellationToken cancellation, TimeSpan queueWait)
    {
        var options = _engine.Options;
        var worker = options.PrepareInstances ? _workers.Value! : null;
        worker?.DisposeUsed(); // on the call path only when the worker had no idle moment since its last call
        var fresh = worker is null ? null : _stock.Take(component, request);
        if (worker is not null) _stock.Called(component, request); // an idle worker may make its next instance while this one runs
        var started = Stopwatch.GetTimestamp();
        var call = new CallContext(request.ToolId, request.LogSink, options.MaxLogMessages) { Progress = request.ProgressSink, Input = request.InputSession };
        using var scope = call.Enter();
        try
        {
            fresh ??= FreshInstance.Create(_engine, component, request, cancellation);
            fresh.Start(request.ToolId, cancellation); // made ahead or just now, the call gets all of its fuel and time once
            call.Budget = fresh.Budget;
            return Call(fresh, request, options, started, queueWait, call);
        }
        catch (WasmtimeException e)
        {
            var error = TrapClassifier.Classify(request.ToolId, e, request.Policy, component.Shape?.Memories.Count ?? 1);
            var metrics = Metrics(fresh, request, started, queueWait, call);
            // A start function that ran out of fuel leaves no instance to ask, but it used all there was.
            if (fresh is null && error.Limit == ResourceLimit.Fuel) metrics = metrics with { FuelUsed = request.Policy.MaxFuel };
            return ExecutionResult.Failure(error, metrics);
        }
        catch (GuestStoppedException e)
        {
            return ExecutionResult.Failure(e.Error, Metrics(fresh, request, started, queueWait, call));
        }
        catch (KamiException e)
        {
            return ExecutionResult.Failure(ExecutionError.From(e), Metrics(fresh, request, started, queueWait, call));
        }
        finally
        {
            fresh?.Console.Flush(call);
            call.ReportDropped(fresh?.Console.DroppedBytes ?? 0, options.MaxConsoleBytes);
            if (fresh is not null)
            {
                if (worker is not null) worker.Retire(fresh);
                else fresh.Dispose();
            }
        }
    }

    /// <summary>Calls run: its output, or the error to report when it did not return ok.</summary>
    private static ExecutionResult Call(FreshInstance fresh, ExecutionRequest request, RuntimeOptions options, long started, TimeSpan queueWait, CallContext call)
    {
        if (fresh.Run is not { } run) return Failed(GuestErrors.NoRunExport(request.ToolId));
        if (run.Call(ComponentValue.String(request.Input)) is not { } value) return Failed(GuestErrors.NoResult(request.ToolId));
        var payload = value.Payload?.AsString() ?? "";
        var content = call.StateIfAny<ContentCallState>();
        var bytes = Encoding.UTF8.GetByteCount(payload) + (content?.Bytes ?? 0);
        if (bytes > options.MaxOutputBytes) return Failed(GuestErrors.Output(request.ToolId, bytes, options.MaxOutputBytes));
        if (!value.IsOk) return Failed(fresh.Budget.Spent() ?? GuestErrors.Returned(payload));
        return ExecutionResult.Success(payload, content?.Blocks ?? [], Metrics(fresh, request, started, queueWait, call));

        ExecutionResult Failed(ExecutionError error) => ExecutionResult.Failure(error, Metrics(fresh, request, started, queueWait, call));
    }

    private static ExecutionMetrics Metrics(FreshInstance? fresh, ExecutionRequest request, long started, TimeSpan queueWait, CallContext call) =>
        new(Stopwatch.GetElapsedTime(started), fresh?.FuelUsed ?? 0, (long)request.Policy.MaxMemoryMb << 20, queueWait) { Http = call.HttpExchanges };

    /// <summary>
    /// Called on a worker thread with nothing to do, one step at a time (the scheduler looks for a call between
    /// steps): first an instance made ahead for a recently called tool (cheap: the pool's warm slot keeps its memory),
    /// then the teardown of the worker's used instance. False when there is nothing left to do.
    /// </summary>
    public bool OnIdle(CancellationToken shutdown)
    {
        if (!_engine.Options.PrepareInstances) return false;
        return _stock.MakeOne(_engine, shutdown) || _workers.Value!.DisposeUsed();
    }

    /// <summary>Called on a worker thread that has been idle a long time: frees the instances made ahead and its used one.</summary>
    public void OnLongIdle()
    {
        if (!_engine.Options.PrepareInstances) return;
        _stock.Clear();
        _workers.Value!.DisposeUsed();
    }

    /// <summary>Called on a worker thread as it exits (after Dispose too, when the runtime was disposed from a worker).</summary>
    public void OnExit()
    {
        if (!_disposed && _workers.IsValueCreated) _workers.Value!.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        _stock.Dispose();
        foreach (var worker in _workers.Values) worker.Dispose();
        _workers.Dispose();
    }
}
