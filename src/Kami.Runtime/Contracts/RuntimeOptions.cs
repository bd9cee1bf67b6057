using Kami.Core.Security;

namespace Kami.Runtime.Contracts;

/// <summary>Host-wide execution settings (per-tool limits come from each tool's SecurityPolicy).</summary>
public sealed record RuntimeOptions
{
    /// <summary>Guests running at once; each runs on its own KAMI worker thread, never a thread-pool thread.</summary>
    public int MaxConcurrency { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Calls that may wait for a worker; one more is refused with a "busy" error.</summary>
    public int QueueLimit { get; init; } = 256;

    /// <summary>Largest JSON input per call, in UTF-8 bytes (default 1 MiB); larger is refused before any guest runs.</summary>
    public int MaxInputBytes { get; init; } = 1 << 20;
    /// <summary>Largest result a tool may return, in bytes (default 4 MiB); more fails the call with an output-size error.</summary>
    public int MaxOutputBytes { get; init; } = 4 << 20;

    /// <summary>Bytes of guest stdout+stderr kept per call (surfaced as log lines); the rest is dropped.</summary>
    public int MaxConsoleBytes { get; init; } = 64 << 10;

    /// <summary>Log messages a guest may send per call; more are dropped, so a chatty guest cannot flood the host.</summary>
    public int MaxLogMessages { get; init; } = 1_000;

    /// <summary>Wasm stack per call; deep recursion stops with a stack-depth error instead of crashing the host.</summary>
    public int MaxStackBytes { get; init; } = 1 << 20;

    /// <summary>Compiled components kept in memory (least recently used dropped first); one beyond it is compiled again on its next call.</summary>
    public int ComponentCacheCapacity { get; init; } = 64;

    /// <summary>
    /// Where compiled components are kept between processes (<c>$KAMI_HOME/cache</c>), so a fresh process loads a
    /// tool instead of compiling it; null keeps them in memory only. See <see cref="Caching.CompiledCache"/>.
    /// </summary>
    public string? CompiledCacheDirectory { get; init; }

    /// <summary>The most the compiled cache keeps on disk; the least recently used artifacts go first.</summary>
    public long CompiledCacheMaxBytes { get; init; } = 1L << 30;

    /// <summary>
    /// How often a cached component's file is looked at again (size and modification time; any change means it is
    /// hashed again against its pin). Between looks, calls run the bytes that were verified, never the file's.
    /// </summary>
    public TimeSpan IntegrityRecheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Epoch tick; bounds how late a wall-clock timeout or a cancellation can land.</summary>
    public TimeSpan EpochTick { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Pre-reserved instance slots (Wasmtime's pooling allocator): a fresh instance per call without mapping
    /// and unmapping its memory each time. Off for very high concurrency, where the reservations would be huge.
    /// </summary>
    public bool PoolingAllocator { get; init; } = true;

    /// <summary>
    /// A worker with nothing to do makes a fresh instance of the tool it ran last, so that tool's next call skips
    /// instantiation. Off for one-shot runs (<c>kami exec</c>), where there is no next call.
    /// </summary>
    public bool PrepareInstances { get; init; } = true;

    /// <summary>How long a worker keeps an instance made ahead while no call comes; then its memory is returned.</summary>
    public TimeSpan ReadyInstanceLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a worker that finished a call spins before sleeping. A call handed to a spinning worker starts at
    /// once; waking a sleeping one costs tens of microseconds here, as much as a small guest call. An agent calling
    /// tools in turn sends its next call within a few hundred microseconds of the last reply.
    /// </summary>
    public TimeSpan WorkerIdleSpin { get; init; } = TimeSpan.FromMicroseconds(250);

    /// <summary>
    /// Host variables no guest is given, whatever its policy's env_allow_list says: KAMI's own (<c>KAMI_*</c>)
    /// always, and the operator's <c>env_deny_list</c>. Enforced where the guest's environment is built.
    /// </summary>
    public EnvDenyList EnvDenyList { get; init; } = EnvDenyList.KamiOnly;

    /// <summary>
    /// The operator's signature policy, applied to installed tools when they are loaded (require_signature, trusted
    /// signers); null in embedders that do not use signatures. A recorded signature that does not verify is refused.
    /// </summary>
    public Kami.Core.Trust.SignaturePolicy? Signatures { get; init; }

    /// <summary>Bounds on outbound HTTP (kami:http/outgoing) and the operator's <c>net_allow_private</c>.</summary>
    public Http.HttpLimits Http { get; init; } = new();

    /// <summary>
    /// Where installed components come from: the install's own files on one machine (nothing to do, no stat per call),
    /// the shared database in a fleet (fetched once into this machine's tools directory, then hashed against the pin here).
    /// </summary>
    public Kami.Core.Registry.IComponentStore Components { get; init; } = Kami.Core.Registry.LocalComponentStore.Instance;

    /// <summary>Every setting at its default.</summary>
    public static RuntimeOptions Default { get; } = new();
}
