using System.Security.Cryptography;
using System.Text;
using Kami.Core.Hosting;

namespace Kami.Runtime.Caching;

/// <summary>
/// Compiled components on disk (<c>$KAMI_HOME/cache/</c>, 0700), so a fresh process does not compile a tool again.
/// Loading one is running native code from a file, so nothing is returned unless it verifies: each artifact carries
/// an HMAC-SHA256, under a random key only this home has (<c>cache/key</c>, 0600), over its key string and its bytes
/// (<see cref="ArtifactTag"/>). It is checked where it lies, mapped from the file (<see cref="MappedArtifact"/>). The
/// tag is a trailer, so the file read from its start is exactly what Wasmtime serialized and Wasmtime can map the
/// checked file itself instead of copying it (<see cref="VerifiedArtifact.LoadPath"/>).
/// An artifact copied from another home, planted, cut short or flipped fails that check and is deleted, and the
/// caller compiles again. Writes go to a temporary file renamed into place, so a reader sees a whole artifact or
/// none, and two writers of one artifact cannot interleave. The total size is bounded: the least recently used
/// artifacts (by modification time, which a hit refreshes) are deleted first. A cache that cannot be read or
/// written is a miss, never a failed call.
/// </summary>
public sealed class CompiledCache(string directory, long maxBytes)
{
    /// <summary>The file ending of a stored artifact.</summary>
    public const string Extension = ".cwasm";
    private const string KeyFileName = "key";
    private const int KeyBytes = 32;
    // Version 3: artifact, then magic and tag (a trailer). Version 2 had them in front and version 1 tagged the whole
    // in one HMAC; both fail the check and are rebuilt.
    private static readonly byte[] Magic = "KAMICC3\n"u8.ToArray();
    private static readonly int TrailerBytes = Magic.Length + HMACSHA256.HashSizeInBytes;

    private readonly Lock _keyLock = new();
    private byte[]? _key;
    private long _hits;
    private long _misses;
    private long _rejected;
    private long _written;

    /// <summary>Where the artifacts and the per-home key live (0700).</summary>
    public string Directory { get; } = directory;
    /// <summary>The bound on all artifacts together; the least recently used go first.</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>What this process has seen: artifacts loaded, not found, refused (and deleted), and written.</summary>
    public CompiledCacheCounts Counts => new(Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), Interlocked.Read(ref _rejected), Interlocked.Read(ref _written));

    /// <summary>The file an artifact for <paramref name="key"/> is kept in (named by a hash of the key).</summary>
    public string PathOf(string key) => Path.Combine(Directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + Extension);

    /// <summary>
    /// The verified artifact stored under <paramref name="key"/>, or null (none, or one that did not verify and was
    /// deleted). The caller disposes it once it has loaded the bytes.
    /// </summary>
    public VerifiedArtifact? TryRead(string key)
    {
        var path = PathOf(key);
        MappedArtifact? mapped;
        try
        {
            // A file bigger than the cache may hold is not one this cache wrote; never map it. One without a whole
            // trailer (an empty file cannot even be mapped) is not one either. Looked at by name first, so a planted
            // FIFO or device (length 0) is refused before an open that could block on it.
            var length = new FileInfo(path).Length;
            mapped = length < TrailerBytes || length > MaxBytes ? null : MappedArtifact.Open(path, TrailerBytes, MaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _misses);
            return null;
        }
        if (mapped is null)
        {
            Interlocked.Increment(ref _rejected);
            Remove(key);
            return null;
        }
        if (!Verifies(key, mapped))
        {
            mapped.Dispose();
            Interlocked.Increment(ref _rejected);
            Remove(key);
            return null;
        }
        Interlocked.Increment(ref _hits);
        // Least recently used goes first; a hit makes this one recent again.
        try { File.SetLastWriteTimeUtc(path, DateTime.UtcNow); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return new VerifiedArtifact(mapped, mapped.Length - TrailerBytes);
    }

    /// <summary>Stores an artifact under <paramref name="key"/> atomically, then evicts down to the size bound.</summary>
    public void Write(string key, ReadOnlySpan<byte> artifact)
    {
        if (artifact.Length + TrailerBytes > MaxBytes) return;
        try
        {
            var tag = ArtifactTag.Of(Key(), key, artifact);
            var path = PathOf(key);
            var temp = Path.Combine(Directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():n}.tmp");
            try
            {
                using (var stream = new FileStream(temp, PrivateOptions(FileMode.CreateNew)))
                {
                    stream.Write(artifact);
                    stream.Write(Magic);
                    stream.Write(tag);
                }
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            Interlocked.Increment(ref _written);
            Evict();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next process a compile.
        }
    }

    /// <summary>An artifact that verified but could not be loaded (made by an engine configured otherwise): counted and deleted.</summary>
    public void Refuse(string key)
    {
        Interlocked.Increment(ref _rejected);
        Remove(key);
    }

    /// <summary>Deletes the artifact stored under <paramref name="key"/>, if any.</summary>
    public void Remove(string key)
    {
        try { File.Delete(PathOf(key)); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The artifacts on disk now: how many and their total size.</summary>
    public (int Count, long Bytes) Stats()
    {
        var files = Artifacts();
        return (files.Count, files.Sum(f => f.Length));
    }

    /// <summary>Deletes every artifact (the key stays, so other processes' artifacts written later still verify); returns how many.</summary>
    public int Clear()
    {
        var removed = 0;
        // Temporary files left by a process that died mid-write go too.
        foreach (var file in Artifacts().Concat(Temporary()))
        {
            try { file.Delete(); removed++; } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return removed;
    }

    private void Evict()
    {
        var files = Artifacts();
        var total = files.Sum(f => f.Length);
        foreach (var file in files.OrderBy(f => f.LastWriteTimeUtc))
        {
            if (total <= MaxBytes) break;
            var length = file.Length; // Delete() forgets what the FileInfo knew
            try
            {
                file.Delete();
                total -= length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private List<FileInfo> Artifacts()
    {
        var dir = new DirectoryInfo(Directory);
        if (!dir.Exists) return [];
        try
        {
            return [.. dir.EnumerateFiles("*" + Extension).Where(f => f.Exists)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private IEnumerable<FileInfo> Temporary()
    {
        var dir = new DirectoryInfo(Directory);
        return dir.Exists ? dir.EnumerateFiles(".*.tmp") : [];
    }

    private bool Verifies(string key, MappedArtifact mapped)
    {
        var length = mapped.Length - TrailerBytes;
        var trailer = mapped.Span[length..];
        if (!trailer[..Magic.Length].SequenceEqual(Magic)) return false;
        byte[] secret;
        try
        {
            secret = Key();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        var expected = ArtifactTag.Of(secret, key, mapped.Address, length);
        return CryptographicOperations.FixedTimeEquals(expected, trailer[Magic.Length..]);
    }

    // The home's key, made once: by whichever process gets there first, so processes starting together agree on it.
    // A key file that stays the wrong size is replaced; what it signed is then rebuilt.
    private byte[] Key()
    {
        lock (_keyLock)
        {
            if (_key is not null) return _key;
            PrivateFiles.CreateDirectory(Directory);
            var path = Path.Combine(Directory, KeyFileName);
            // Created exclusively (O_EXCL) at its own name, so exactly one process makes it and all others read that one.
            // A rename would not do: where the file system has no hard links, .NET's no-overwrite move checks and then
            // renames, so a second maker could replace a key another process already signs with (seen: a flaky test).
            // A reader may catch the maker between create and write, so it waits a moment for the 32 bytes.
            for (var attempt = 0; ; attempt++)
            {
                var fresh = RandomNumberGenerator.GetBytes(KeyBytes);
                try
                {
                    using (var stream = new FileStream(path, PrivateOptions(FileMode.CreateNew))) stream.Write(fresh);
                    return _key = fresh;
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Someone else made it: use theirs.
                }
                var existing = File.ReadAllBytes(path);
                if (existing.Length == KeyBytes) return _key = existing;
                if (attempt == 200)
                {
                    // Not a key after 200 ms: left short by a crash. Replace it once; a key that stays wrong is an error.
                    File.Delete(path);
                }
                if (attempt > 400) throw new IOException($"the compiled cache key {path} is not {KeyBytes} bytes; delete it");
                Thread.Sleep(1);
            }
        }
    }

    private static FileStreamOptions PrivateOptions(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = PrivateFiles.FileMode;
        return options;
    }
}
