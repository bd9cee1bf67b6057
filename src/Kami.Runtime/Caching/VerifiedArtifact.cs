namespace Kami.Runtime.Caching;

/// <summary>A stored artifact whose tag checked out: its compiled bytes, valid until disposed (the file stays mapped until then).</summary>
public sealed class VerifiedArtifact : IDisposable
{
    private readonly MappedArtifact _mapped;
    private readonly int _offset;

    internal VerifiedArtifact(MappedArtifact mapped, int offset)
    {
        _mapped = mapped;
        _offset = offset;
    }

    /// <summary>The compiled component, without the cache's header.</summary>
    public ReadOnlySpan<byte> Span => _mapped.Span[_offset..];

    /// <summary>A copy of <see cref="Span"/>.</summary>
    public byte[] ToArray() => Span.ToArray();

    /// <summary>Unmaps the file.</summary>
    public void Dispose() => _mapped.Dispose();
}
