using System.Text;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using Kami.Runtime.Wasm;

namespace Kami.Runtime.Execution;

/// <summary>
/// KAMI's execution engine: validates a call, schedules it on a worker, loads the component (integrity-checked,
/// compiled once) and runs it in a fresh sandbox. Every failure comes back as an <see cref="ExecutionResult"/>
/// with a plain message; nothing a guest does throws out of here or stops the next call.
/// </summary>
public sealed class ToolRuntime : IDisposable
{
    private readonly WasmEngine _engine;
    private readonly ComponentLoader _loader;
    private readonly GuestInvoker _invoker;
    private readonly ExecutionScheduler _scheduler;

    /// <param name="options">Host-wide settings; null means <see cref="RuntimeOptions.Default"/>.</param>
    /// <param name="time">The clock of the scheduler's idle times and the loader's integrity re-checks; tests pass a fake one.</param>
    public ToolRuntime(RuntimeOptions? options = null, TimeProvider? time = null)
    {
        Options = options ?? RuntimeOptions.Default;
        _engine = new WasmEngine(Options);
        _loader = new ComponentLoader(_engine, time ?? TimeProvider.System);
        _invoker = new GuestInvoker(_engine);
        _scheduler = new ExecutionScheduler(Options, _invoker, time);
    }

    /// <summary>The settings this runtime was made with.</summary>
    public RuntimeOptions Options { get; }

    /// <summary>
    /// Set when the pooling allocator was asked for but this host's address-space limit could not hold it, saying so;
    /// the runtime then allocates on demand. Hosts print it as a warning.
    /// </summary>
    public string? AllocatorNotice => _engine.AllocatorNotice;

    /// <summary>The workers calls run on, for hosts that report load.</summary>
    public ExecutionScheduler Scheduler => _scheduler;

    /// <summary>Instances made ahead of calls by idle workers, and how many calls used one.</summary>
    public ReadyInstanceCounts ReadyInstances => _invoker.ReadyInstances;

    /// <summary>
    /// Drops the instances made ahead for a tool, returning their memory at once. Hosts call it when a tool's package
    /// is replaced, removed or disabled; a call under another component, policy or data directory never uses them anyway.
    /// </summary>
    public void ForgetReadyInstances(string toolId) => _invoker.Forget(toolId);

    /// <summary>Instances made ahead and not yet used by a call.</summary>
    internal int ReadyInstanceCount => _invoker.ReadyCount;

    /// <summary>The version of the Wasmtime package KAMI runs on.</summary>
    public static string WasmtimeVersion => WasmEngine.WasmtimeVersion;

    /// <summary>Runs one call. Never throws for anything a call or its tool does: failures, cancellation and a busy queue come back as the result.</summary>
    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellation = default)
    {
        var inputBytes = Encoding.UTF8.GetByteCount(request.Input);
        if (inputBytes > Options.MaxInputBytes)
            return ExecutionResult.Failure(GuestErrors.Input(request.ToolId, inputBytes, Options.MaxInputBytes), ExecutionMetrics.Empty);
        if (cancellation.IsCancellationRequested)
            return Cancelled(request);

        var enqueued = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await _scheduler.RunAsync(request.ToolId, token => Run(request, token, System.Diagnostics.Stopwatch.GetElapsedTime(enqueued)),
                () => Cancelled(request), cancellation).ConfigureAwait(false);
        }
        catch (KamiException e)
        {
            return ExecutionResult.Failure(ExecutionError.From(e), ExecutionMetrics.Empty);
        }
    }

    /// <summary>
    /// Loads a tool's component without running it: from the compiled cache when it holds it, else compiled (and
    /// stored there). Checks the pin and the signature like a call does. Returns true when it had to be compiled.
    /// </summary>
    public bool Precompile(string toolId, string wasmFile, string? expectedSha256, Kami.Core.Trust.ToolSignature? signature = null, Kami.Core.Tools.ToolManifest? manifest = null)
    {
        var before = _engine.Compiler.Counts.Compiled;
        if (expectedSha256 is not null) Options.Components.EnsureLocal(expectedSha256, wasmFile);
        _loader.Load(toolId, wasmFile, expectedSha256, signature, manifest, manifest?.Security ?? Kami.Core.Security.SecurityPolicy.DenyAll);
        return _engine.Compiler.Counts.Compiled > before;
    }

    /// <summary>
    /// Gets a tool ready for its first call, off the call path: loads its component with the checks a call makes (the
    /// pin, the signature policy) and has an idle worker make one instance of it under the request's policy (not for a
    /// tool that may reach the network, whose start functions must not run before somebody calls it). Only
    /// what is already compiled (loaded, or in the compiled cache): it never compiles, so a tool nobody has run in this
    /// home costs nothing until its first call. False when it prepared nothing: not pinned (dev mode), not compiled
    /// yet, or a check failed (the call reports that itself, with its message).
    /// </summary>
    public bool Prepare(ExecutionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ExpectedSha256 is not { } sha || (!_loader.IsLoaded(sha) && !_engine.Compiler.Holds(sha))) return false;
        try
        {
            _invoker.Prime(Load(request), request);
            _scheduler.NudgeIdle();
            return true;
        }
        catch (KamiException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Components this runtime compiled from .wasm bytes, and loaded already compiled from the on-disk cache.</summary>
    public (long Compiled, long Loaded) Compilations => _engine.Compiler.Counts;

    /// <summary>The on-disk compiled cache (null when <see cref="RuntimeOptions.CompiledCacheDirectory"/> is not set).</summary>
    public Caching.CompiledCache? CompiledCache => _engine.Compiler.Cache;

    /// <summary>The engine's part of every compiled-cache key (tests sign artifacts with it).</summary>
    internal string EngineFingerprint => _engine.Fingerprint;

    /// <summary>Compiles and checks a component (imports KAMI provides, the kami:tool export) without running it.</summary>
    public IReadOnlyList<string> Check(string toolId, string wasmFile) => _loader.Check(toolId, wasmFile);

    private ExecutionResult Run(ExecutionRequest request, CancellationToken cancellation, TimeSpan queueWait)
    {
        try
        {
            return _invoker.Invoke(Load(request), request, cancellation, queueWait);
        }
        catch (KamiException e)
        {
            return ExecutionResult.Failure(ExecutionError.From(e), ExecutionMetrics.Empty with { QueueWait = queueWait });
        }
        catch (IOException)
        {
            return ExecutionResult.Failure(GuestErrors.Unreadable(request.ToolId), ExecutionMetrics.Empty with { QueueWait = queueWait });
        }
    }

    // The component a request names, fetched from the shared store when it is not on this disk, with its pin and
    // signature checked under the request's policy.
    private LoadedComponent Load(ExecutionRequest request)
    {
        if (request.ExpectedSha256 is { } sha256) Options.Components.EnsureLocal(sha256, request.WasmFile);
        return _loader.Load(request.ToolId, request.WasmFile, request.ExpectedSha256, request.Signature, request.Manifest, request.Policy);
    }

    private static ExecutionResult Cancelled(ExecutionRequest request) =>
        ExecutionResult.Cancelled(request.ToolId);

    /// <summary>Stops the workers; the engine is freed only once no guest is still running (otherwise it is leaked, not pulled from under one).</summary>
    public void Dispose()
    {
        _scheduler.Dispose();
        // Disposing the engine under a guest that is still running would crash the process; leak it instead.
        if (!_scheduler.Stopped) return;
        _invoker.Dispose();
        _engine.Dispose();
    }
}
