using System.IO.MemoryMappedFiles;

namespace Kami.Runtime.Caching;

/// <summary>
/// A stored artifact mapped read-only from its file, so checking and loading it read the page cache in place: no
/// fresh tens-of-MB buffer to fault in and copy into first (that copy was a quarter of a large tool's first call).
/// The bytes are checked, then Wasmtime maps the same open file (<see cref="VerifiedArtifact.LoadPath"/>); KAMI itself
/// never rewrites a stored file in place (it writes a new one and renames it), so neither mapping can change under a
/// check. Disposed right after the load.
/// </summary>
internal sealed unsafe class MappedArtifact : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;

    private MappedArtifact(MemoryMappedFile file, MemoryMappedViewAccessor view, long length, nint descriptor)
    {
        _file = file;
        _view = view;
        Descriptor = descriptor;
        Length = checked((int)length);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _start = pointer + view.PointerOffset;
    }

    public int Length { get; }

    /// <summary>The open file's descriptor (the mapping keeps the file open until disposed).</summary>
    public nint Descriptor { get; }

    /// <summary>
    /// Maps <paramref name="path"/> when its length, read from the opened file itself (so a file replaced or cut
    /// between a look at its name and the open cannot be mapped past its end), is within
    /// [<paramref name="minBytes"/>, <paramref name="maxBytes"/>]; null when it is not.
    /// </summary>
    public static MappedArtifact? Open(string path, long minBytes, long maxBytes)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            var length = stream.Length;
            if (length < minBytes || length > maxBytes)
            {
                stream.Dispose();
                return null;
            }
            var file = MemoryMappedFile.CreateFromFile(stream, mapName: null, length, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            try
            {
                return new MappedArtifact(file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read), length, stream.SafeFileHandle.DangerousGetHandle());
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The whole mapped file.</summary>
    public ReadOnlySpan<byte> Span => new(_start, Length);

    /// <summary>Where the mapping starts, for hashing its parts on several threads (a span cannot cross into a lambda).</summary>
    public nint Address => (nint)_start;

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
