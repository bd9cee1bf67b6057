using Kami.Runtime.Caching;
using Kami.TestCommon;

namespace Kami.Runtime.Tests.Caching;

/// <summary>The compiled cache's file store: concurrent writers and the size bound.</summary>
public sealed class CompiledCacheStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Dir => _temp.Combine("cache");

    private static byte[] Payload(byte fill, int length = 1000) => Enumerable.Repeat(fill, length).ToArray();

    [Fact]
    public void Write_ConcurrentWritersOnFreshDirectory_AgreeOnKeyAndLeaveWholeArtifacts()
    {
        // Separate instances, as separate processes would be: each makes or reads the home key on its own.
        const int writers = 4;
        var caches = Enumerable.Range(0, writers).Select(_ => new CompiledCache(Dir, 1L << 30)).ToArray();
        using var start = new Barrier(writers);
        var payloads = Enumerable.Range(0, writers).Select(i => Payload((byte)(i + 1), 200_000)).ToArray();

        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, i =>
        {
            start.SignalAndWait();
            for (var round = 0; round < 20; round++)
            {
                caches[i].Write("shared", payloads[i]);
                caches[i].Write("own-" + i, payloads[i]);
                // A reader racing the writers sees a whole artifact of one of them, or (before the first write) none.
                if (caches[i].TryRead("shared") is { } seen) Assert.Contains(payloads, p => p.AsSpan().SequenceEqual(seen.Span));
            }
        });

        foreach (var cache in caches)
        {
            Assert.Equal(0, cache.Counts.Rejected);
            var shared = cache.TryRead("shared")?.ToArray();
            Assert.NotNull(shared);
            Assert.Contains(payloads, p => p.AsSpan().SequenceEqual(shared));
            for (var i = 0; i < writers; i++) Assert.Equal(payloads[i], cache.TryRead("own-" + i)?.ToArray());
        }
        Assert.Empty(Directory.GetFiles(Dir, "*.tmp"));
    }

    [Fact]
    public void Write_OverSizeBound_EvictsLeastRecentlyUsed()
    {
        var cache = new CompiledCache(Dir, maxBytes: 3 * 1100);
        cache.Write("a", Payload(1));
        cache.Write("b", Payload(2));
        cache.Write("c", Payload(3));
        var now = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(cache.PathOf("a"), now.AddMinutes(-3));
        File.SetLastWriteTimeUtc(cache.PathOf("b"), now.AddMinutes(-2));
        File.SetLastWriteTimeUtc(cache.PathOf("c"), now.AddMinutes(-1));
        Assert.NotNull(cache.TryRead("a")); // used: now the most recent

        cache.Write("d", Payload(4));

        Assert.Null(cache.TryRead("b"));
        Assert.NotNull(cache.TryRead("a"));
        Assert.NotNull(cache.TryRead("c"));
        Assert.NotNull(cache.TryRead("d"));
        Assert.True(cache.Stats().Bytes <= cache.MaxBytes, $"{cache.Stats().Bytes} bytes kept, bound {cache.MaxBytes}");
    }

    [Fact]
    public void Write_ArtifactLargerThanBound_IsNotKept()
    {
        var cache = new CompiledCache(Dir, maxBytes: 500);

        cache.Write("big", Payload(1));

        Assert.Null(cache.TryRead("big"));
        Assert.Equal(0, cache.Stats().Count);
    }

    [Fact]
    public void TryRead_ArtifactMovedToAnotherKey_IsRefused()
    {
        var cache = new CompiledCache(Dir, 1L << 30);
        cache.Write("one", Payload(1));
        File.Copy(cache.PathOf("one"), cache.PathOf("two"));

        Assert.Null(cache.TryRead("two"));
        Assert.False(File.Exists(cache.PathOf("two")));
        Assert.Equal(1, cache.Counts.Rejected);
    }

    [Theory]
    [InlineData(0)]                       // the first 4 MiB part
    [InlineData(ArtifactTag.PartBytes + 7)] // the second part
    [InlineData(-1)]                      // the last byte of the short last part
    public void TryRead_ByteFlippedInAnyPartOfLargeArtifact_IsRefused(int offset)
    {
        var cache = new CompiledCache(Dir, 1L << 30);
        var payload = Payload(3, 2 * ArtifactTag.PartBytes + 12_345);
        cache.Write("big", payload);
        using (var intact = cache.TryRead("big")) Assert.Equal(payload, intact?.ToArray());
        var stored = File.ReadAllBytes(cache.PathOf("big"));
        stored[offset >= 0 ? offset : payload.Length - 1] ^= 0x01;
        File.WriteAllBytes(cache.PathOf("big"), stored);

        Assert.Null(cache.TryRead("big"));
        Assert.False(File.Exists(cache.PathOf("big")));
    }

    [Fact]
    public void TryRead_ArtifactCutAtPartBoundary_IsRefused()
    {
        var cache = new CompiledCache(Dir, 1L << 30);
        var payload = Payload(4, 2 * ArtifactTag.PartBytes);
        cache.Write("cut", payload);
        var stored = File.ReadAllBytes(cache.PathOf("cut"));
        File.WriteAllBytes(cache.PathOf("cut"), stored[..^ArtifactTag.PartBytes]);

        Assert.Null(cache.TryRead("cut"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void TryRead_EmptyOrHeaderlessFile_RefusedWithoutError(int length)
    {
        var cache = new CompiledCache(Dir, 1L << 30);
        cache.Write("x", Payload(1));
        File.WriteAllBytes(cache.PathOf("x"), new byte[length]);

        Assert.Null(cache.TryRead("x"));
        Assert.False(File.Exists(cache.PathOf("x")));
        Assert.Equal(1, cache.Counts.Rejected);
    }

    [Fact]
    public async Task TryRead_PlantedFifo_RefusedWithoutBlocking()
    {
        // Opening a FIFO for reading waits for a writer: a planted one must be refused by its length, never opened.
        var cache = new CompiledCache(Dir, 1L << 30);
        cache.Write("fifo", Payload(1));
        File.Delete(cache.PathOf("fifo"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", cache.PathOf("fifo")))
            await mkfifo.WaitForExitAsync();

        var read = await Task.Run(() => cache.TryRead("fifo")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(read);
        Assert.Equal(1, cache.Counts.Rejected);
    }

    [Theory]
    [InlineData("KAMICC1\n")] // one HMAC over the whole
    [InlineData("KAMICC2\n")] // the same tag as now, in front of the artifact
    public void TryRead_ArtifactOfEarlierFormat_IsRefused(string magic)
    {
        // Earlier formats put magic and tag before the artifact: their files, tag and all, are not trusted now; they are rebuilt.
        var cache = new CompiledCache(Dir, 1L << 30);
        var payload = Payload(1);
        cache.Write("old", payload);
        var stored = File.ReadAllBytes(cache.PathOf("old"));
        var trailer = stored[payload.Length..];
        System.Text.Encoding.ASCII.GetBytes(magic).CopyTo(trailer, 0);
        File.WriteAllBytes(cache.PathOf("old"), [.. trailer, .. payload]);

        Assert.Null(cache.TryRead("old"));
        Assert.False(File.Exists(cache.PathOf("old")));
    }

    [Fact]
    public void TryRead_OnLinux_LoadPathOpensTheCheckedFileEvenAfterItsNameIsReplaced()
    {
        var cache = new CompiledCache(Dir, 1L << 30);
        var payload = Payload(5, 100_000);
        cache.Write("named", payload);
        using var read = cache.TryRead("named");
        Assert.NotNull(read);
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(read.LoadPath);
            return;
        }
        // Another file renamed over the name after the check: what the loader opens is still the checked file.
        var planted = Path.Combine(Dir, "planted");
        File.WriteAllBytes(planted, Payload(6, 100_000 + 40));
        File.Move(planted, cache.PathOf("named"), overwrite: true);

        var loaded = File.ReadAllBytes(read.LoadPath!);

        Assert.Equal(payload, loaded[..payload.Length]);
    }

    [Fact]
    public void TryRead_PlantedFileLargerThanBound_RefusedWithoutReading()
    {
        var cache = new CompiledCache(Dir, maxBytes: 4096);
        cache.Write("small", Payload(1));
        File.WriteAllBytes(cache.PathOf("small"), new byte[8192]);

        Assert.Null(cache.TryRead("small"));
        Assert.False(File.Exists(cache.PathOf("small")));
        Assert.Equal(1, cache.Counts.Rejected);
    }

    [Fact]
    public void Clear_RemovesArtifactsAndKeepsKey()
    {
        var cache = new CompiledCache(Dir, 1L << 30);
        cache.Write("a", Payload(1));
        cache.Write("b", Payload(2));

        Assert.Equal(2, cache.Clear());

        Assert.Equal((0, 0L), cache.Stats());
        Assert.True(File.Exists(Path.Combine(Dir, "key")));
    }
}
