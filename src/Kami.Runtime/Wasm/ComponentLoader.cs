using System.Collections.Concurrent;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.Core.Trust;
using Kami.Runtime.Caching;
using Kami.Runtime.Contracts;
using Kami.Runtime.Wasm.HostInterfaces;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Turns a .wasm file into a compiled component, once: compiled components are cached by SHA-256 (bounded,
/// LRU). What runs is always the compiled form of bytes that matched the pin. The file itself is looked at again
/// at most every <see cref="Contracts.RuntimeOptions.IntegrityRecheckInterval"/> (a stat per call would cost as much as a
/// small guest call): its size and modification time are compared with what was hashed; any change means the
/// bytes are read and hashed again, and an installed tool whose hash no longer matches the pin is refused.
/// </summary>
internal sealed class ComponentLoader(WasmEngine engine, TimeProvider time)
{
    public const string ToolInterface = "kami:tool/tool@0.1.0";

    private readonly LruCache<string, LoadedComponent> _bySha = new(engine.Options.ComponentCacheCapacity);
    private readonly ConcurrentDictionary<string, (long Length, DateTime Modified, string Sha, long CheckedAt)> _stamps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lock> _loading = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Sha, ToolSignature Signature), bool> _verifiedSignatures = new();
    private readonly ConcurrentDictionary<(string Digest, ToolSignature Signature), bool> _verifiedManifests = new();
    private readonly long _recheckTicks = (long)(engine.Options.IntegrityRecheckInterval.TotalSeconds * time.TimestampFrequency);

    /// <summary>Whether the component with this SHA-256 is loaded (compiled and kept in memory).</summary>
    public bool IsLoaded(string sha256) => _bySha.TryGet(sha256, out _);

    /// <param name="toolId">The tool, for messages.</param>
    /// <param name="wasmFile">Its component.</param>
    /// <param name="expectedSha256">The install pin; null only in dev mode, where nothing is pinned or signed.</param>
    /// <param name="signature">The recorded signature, checked under <see cref="Contracts.RuntimeOptions.Signatures"/>.</param>
    /// <param name="manifest">The recorded manifest, which a manifest signature must cover; without it a manifest signature counts for nothing.</param>
    /// <param name="grants">The policy the tool will run under, which a code-only signature leaves unsigned.</param>
    public LoadedComponent Load(string toolId, string wasmFile, string? expectedSha256, ToolSignature? signature, ToolManifest? manifest, SecurityPolicy grants)
    {
        var loaded = LoadPinned(toolId, wasmFile, expectedSha256, out var hashed);
        if (expectedSha256 is not null) CheckSignature(toolId, wasmFile, loaded.Sha256, signature, manifest, grants, hashed);
        return loaded;
    }

    // hashed: the bytes this load read and hashed (null when it answered from what it had already checked).
    private LoadedComponent LoadPinned(string toolId, string wasmFile, string? expectedSha256, out byte[]? hashed)
    {
        hashed = null;
        if (RecentlyChecked(wasmFile, expectedSha256) is { } current) return current;
        // One load of a file at a time: a call that comes while the warm-up (or another call) is loading its tool
        // waits for that load and uses it, instead of hashing and mapping the same tens of megabytes beside it.
        lock (_loading.GetOrAdd(wasmFile, static _ => new Lock()))
            return RecentlyChecked(wasmFile, expectedSha256) ?? LoadFile(toolId, wasmFile, expectedSha256, out hashed);
    }

    private LoadedComponent? RecentlyChecked(string wasmFile, string? expectedSha256) =>
        _stamps.TryGetValue(wasmFile, out var recent) && time.GetTimestamp() - recent.CheckedAt < _recheckTicks
        && (expectedSha256 is null || recent.Sha == expectedSha256) && _bySha.TryGet(recent.Sha, out var current) ? current : null;

    private LoadedComponent LoadFile(string toolId, string wasmFile, string? expectedSha256, out byte[]? hashed)
    {
        hashed = null;
        var now = time.GetTimestamp();
        var info = new FileInfo(wasmFile);
        if (!info.Exists)
            throw new KamiException(ErrorKind.ToolNotFound, $"the component of tool {toolId} is missing ({info.Name}); re-install the tool with `kami install --force`");

        if (_stamps.TryGetValue(wasmFile, out var stamp) && stamp.Length == info.Length && stamp.Modified == info.LastWriteTimeUtc
            && (expectedSha256 is null || stamp.Sha == expectedSha256) && _bySha.TryGet(stamp.Sha, out var cached))
        {
            _stamps[wasmFile] = stamp with { CheckedAt = now };
            return cached;
        }

        if (info.Length > ComponentLimits.MaxComponentBytes)
            throw new KamiException(ErrorKind.ComponentInvalid, $"the component of tool {toolId} is {info.Length} bytes; at most {ComponentLimits.MaxComponentBytes} are allowed");
        var bytes = File.ReadAllBytes(info.FullName);
        // A pinned tool not loaded yet: its compiled form is looked up and checked while its bytes are hashed (on
        // another core), which halves a large tool's first call. What was found is used only if the hash matches.
        Component? compiled = null;
        string sha;
        if (expectedSha256 is not null && !_bySha.TryGet(expectedSha256, out _))
        {
            // Parallel.For, not a Task to wait on: the calling worker takes whichever half no pool thread picked up.
            string? digest = null;
            Parallel.For(0, 2, part =>
            {
                if (part == 0) digest = IntegrityHash.Of(bytes);
                else compiled = engine.Compiler.TryLoad(expectedSha256);
            });
            sha = digest!;
        }
        else sha = IntegrityHash.Of(bytes);
        if (expectedSha256 is not null && !string.Equals(sha, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            compiled?.Dispose();
            throw new KamiException(ErrorKind.IntegrityMismatch,
                $"tool {toolId} was not run: its component changed after it was installed (sha256 {Short(expectedSha256)} at install, {Short(sha)} now). "
                + "If you trust the new file, re-approve it with `kami install --force <package>`.");
        }

        if (_bySha.TryGet(sha, out var component)) compiled?.Dispose();
        else component = _bySha.GetOrAdd(sha, Compile(toolId, bytes, sha, compiled ?? (expectedSha256 is null ? engine.Compiler.TryLoad(sha) : null)));
        _stamps[wasmFile] = (info.Length, info.LastWriteTimeUtc, sha, now);
        hashed = bytes;
        return component;
    }

    // An installed tool's signature, under the operator's policy: checked on every load (the trusted signers can
    // change while a server runs); the signature itself is verified once per (bytes, signature), on the pinned bytes:
    // those the load just hashed, or read and hashed again here when the load had nothing to read.
    // The manifest signature is checked on every load against the recorded manifest (a changed registry row must
    // not keep a signature it no longer matches); verified statements are remembered by digest.
    private void CheckSignature(string toolId, string wasmFile, string sha, ToolSignature? signature, ToolManifest? manifest, SecurityPolicy grants, byte[]? hashed)
    {
        if (engine.Options.Signatures is not { } policy) return;
        if (signature is { ManifestSignature: not null } && manifest is null) signature = signature with { ManifestSignature = null };
        if (signature is not null && !_verifiedSignatures.ContainsKey((sha, signature)))
        {
            var bytes = hashed ?? File.ReadAllBytes(wasmFile);
            if (hashed is null && IntegrityHash.Of(bytes) != sha)
                throw new KamiException(ErrorKind.IntegrityMismatch, $"tool {toolId} was not run: its component changed while it was being checked; try again");
            if (!policy.Verifier.Verify(bytes, signature))
                throw new KamiException(ErrorKind.SignatureInvalid,
                    $"tool {toolId} was not run: its recorded signature does not match its component (signer {signature.ShortSigner}); re-install it from a source you trust");
            _verifiedSignatures.TryAdd((sha, signature), true);
        }
        if (signature is { ManifestSignature: not null } && manifest is not null)
        {
            var digest = ManifestStatement.Digest(manifest, sha);
            if (!_verifiedManifests.ContainsKey((digest, signature)))
            {
                if (!policy.Verifier.Verify(ManifestStatement.SignedMessage(digest), new ToolSignature(signature.ManifestSignature, signature.SignerPublicKey)))
                    throw new KamiException(ErrorKind.SignatureInvalid,
                        $"tool {toolId} was not run: its recorded manifest (grants, limits, version) does not match its manifest signature (signer {signature.ShortSigner}); re-install it from a source you trust");
                _verifiedManifests.TryAdd((digest, signature), true);
            }
        }
        if (policy.Refusal(toolId, grants, signature) is { } refusal)
            throw new KamiException(ErrorKind.SignatureRequired, refusal + "; it was not run");
    }

    /// <summary>Compiles and checks a component without caching it (for <c>kami validate</c>); returns its imports.</summary>
    public IReadOnlyList<string> Check(string toolId, string wasmFile)
    {
        var loaded = Compile(toolId, File.ReadAllBytes(wasmFile), sha: "", compiled: null);
        loaded.Component.Dispose();
        return loaded.Imports;
    }

    // Checks what the component imports and exports, whether it was just compiled or loaded already compiled
    // (<paramref name="compiled"/>, which it then owns).
    private LoadedComponent Compile(string toolId, byte[] bytes, string sha, Component? compiled)
    {
        var imports = ComponentImports.Read(bytes);
        var missing = imports?.Where(i => !ImportPolicy.IsProvided(i)).ToList();
        if (missing is { Count: > 0 }) compiled?.Dispose();
        if (missing?.Select(ImportPolicy.Hint).FirstOrDefault(h => h is not null) is { } hint)
            throw new KamiException(ErrorKind.ComponentInvalid, $"tool {toolId} was refused: {hint}");
        if (missing is { Count: > 0 })
            throw new KamiException(ErrorKind.ComponentInvalid,
                $"tool {toolId} was refused: it imports {string.Join(", ", missing)}, which KAMI does not provide "
                + $"(available: {HostInterfaceSet.Available})");

        Component component;
        try
        {
            component = compiled ?? engine.Compiler.Compile(bytes, sha);
        }
        catch (WasmtimeException e)
        {
            throw new KamiException(ErrorKind.ComponentInvalid, $"tool {toolId} is not a valid WebAssembly component: {TrapClassifier.Cause(e.Message)}", e);
        }

        using (var tool = component.GetExport(ToolInterface))
        {
            using var run = tool is null ? null : component.GetExport("run", tool);
            if (run is null)
            {
                component.Dispose();
                throw new KamiException(ErrorKind.ComponentInvalid,
                    $"tool {toolId} does not export {ToolInterface} with a run function; build it against the kami:tool world in wit/");
            }
        }
        return new LoadedComponent(component, sha, imports ?? [], ComponentShape.Read(bytes));
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] + "…" : sha;
}
