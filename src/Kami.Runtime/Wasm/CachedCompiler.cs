using Kami.Runtime.Caching;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Compiles a component, or loads its compiled form from the on-disk cache when one verifies (see
/// <see cref="CompiledCache"/>). An artifact is looked up by the .wasm's SHA-256 and the engine's fingerprint, so one
/// compiled by another Wasmtime or with other code-affecting settings is never asked for; one Wasmtime still refuses
/// to load is deleted and compiled again.
/// </summary>
internal sealed class CachedCompiler(Engine engine, CompiledCache? cache, string fingerprint)
{
    private long _compiled;
    private long _loaded;

    /// <summary>Components compiled from .wasm bytes, and loaded from the cache, by this process.</summary>
    public (long Compiled, long Loaded) Counts => (Interlocked.Read(ref _compiled), Interlocked.Read(ref _loaded));

    public CompiledCache? Cache => cache;

    /// <summary>Throws <see cref="WasmtimeException"/> when <paramref name="wasm"/> is not a valid component.</summary>
    public Component Compile(byte[] wasm, string sha256)
    {
        if (cache is null || sha256.Length == 0) return FromBytes(wasm);
        var key = sha256 + "|" + fingerprint;
        if (cache.TryRead(key) is { } artifact)
        {
            try
            {
                var loaded = Component.Deserialize(engine, artifact.Span);
                Interlocked.Increment(ref _loaded);
                return loaded;
            }
            catch (WasmtimeException)
            {
                cache.Refuse(key);
            }
        }
        var component = FromBytes(wasm);
        try
        {
            cache.Write(key, component.Serialize());
        }
        catch (WasmtimeException)
        {
            // Not serializable: it is still compiled and runs; the next process compiles it again.
        }
        return component;
    }

    private Component FromBytes(byte[] wasm)
    {
        var component = Component.FromBytes(engine, wasm);
        Interlocked.Increment(ref _compiled);
        return component;
    }
}
