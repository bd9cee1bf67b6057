namespace Kami.Runtime.Caching;

/// <summary>A stored artifact whose tag checked out: its compiled bytes, valid until disposed (the file stays open and mapped until then).</summary>
public sealed class VerifiedArtifact : IDisposable
{
    // Linux names an open file by its descriptor; a path opened through it is the checked file, even if the name in
    // the cache directory has since been replaced.
    private static readonly bool DescriptorPaths = OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd");

    private readonly MappedArtifact _mapped;
    private readonly int _length;

    internal VerifiedArtifact(MappedArtifact mapped, int length)
    {
        _mapped = mapped;
        _length = length;
    }

    /// <summary>The compiled component, without the cache's trailer.</summary>
    public ReadOnlySpan<byte> Span => _mapped.Span[.._length];

    /// <summary>
    /// A path that opens the checked file itself (its descriptor under <c>/proc/self/fd</c>), for a loader that maps
    /// the file in place rather than copying <see cref="Span"/>; null where there is none. The file's first
    /// <see cref="Span"/>.Length bytes are the component; what follows is the trailer.
    /// </summary>
    public string? LoadPath => DescriptorPaths ? "/proc/self/fd/" + _mapped.Descriptor : null;

    /// <summary>A copy of <see cref="Span"/>.</summary>
    public byte[] ToArray() => Span.ToArray();

    /// <summary>Unmaps and closes the file.</summary>
    public void Dispose() => _mapped.Dispose();
}
