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
    private volatile bool _loadInPlace = true;

    /// <summary>Components compiled from .wasm bytes, and loaded from the cache, by this process.</summary>
    public (long Compiled, long Loaded) Counts => (Interlocked.Read(ref _compiled), Interlocked.Read(ref _loaded));

    public CompiledCache? Cache => cache;

    /// <summary>Whether the cache has an artifact for these bytes (not yet checked: <see cref="TryLoad"/> checks it).</summary>
    public bool Holds(string sha256) => cache is not null && sha256.Length > 0 && File.Exists(cache.PathOf(KeyOf(sha256)));

    /// <summary>
    /// The compiled form of the bytes whose SHA-256 is <paramref name="sha256"/>, from the cache, or null when it holds
    /// none that verifies and loads. Asking for it before those bytes are hashed is safe: only this home wrote it, from
    /// bytes that had that hash.
    /// </summary>
    public Component? TryLoad(string sha256)
    {
        if (cache is null || sha256.Length == 0) return null;
        var key = KeyOf(sha256);
        using var artifact = cache.TryRead(key);
        if (artifact is null) return null;
        try
        {
            var loaded = Load(artifact);
            Interlocked.Increment(ref _loaded);
            return loaded;
        }
        catch (WasmtimeException)
        {
            cache.Refuse(key);
            return null;
        }
    }

    // From the checked file itself, Wasmtime maps the code and pages it in as it runs: a 43 MB JavaScript tool loads
    // in under a millisecond, against tens to copy its bytes. Where the file cannot be mapped executable (a home on a
    // noexec mount), the copy still loads, and this process stops trying the file. Throws when both refuse it.
    private Component Load(VerifiedArtifact artifact)
    {
        if (_loadInPlace && artifact.LoadPath is { } path)
        {
            try
            {
                return Component.DeserializeFile(engine, path);
            }
            catch (WasmtimeException)
            {
                var copied = Component.Deserialize(engine, artifact.Span);
                _loadInPlace = false;
                return copied;
            }
        }
        return Component.Deserialize(engine, artifact.Span);
    }

    /// <summary>
    /// Compiles <paramref name="wasm"/>, whose SHA-256 the caller has checked is <paramref name="sha256"/>, and stores
    /// the result in the cache (an empty <paramref name="sha256"/> stores nothing). Throws <see cref="WasmtimeException"/>
    /// when it is not a valid component.
    /// </summary>
    public Component Compile(byte[] wasm, string sha256)
    {
        var component = FromBytes(wasm);
        if (cache is null || sha256.Length == 0) return component;
        try
        {
            cache.Write(KeyOf(sha256), component.Serialize());
        }
        catch (WasmtimeException)
        {
            // Not serializable: it is still compiled and runs; the next process compiles it again.
        }
        return component;
    }

    private string KeyOf(string sha256) => sha256.ToLowerInvariant() + "|" + fingerprint;

    private Component FromBytes(byte[] wasm)
    {
        var component = Component.FromBytes(engine, wasm);
        Interlocked.Increment(ref _compiled);
        return component;
    }
}
