using Kami.Runtime.Contracts;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>The content blocks one call has added so far, and what they weigh against its output limit.</summary>
internal sealed class ContentCallState
{
    private readonly List<ContentBlock> _blocks = [];

    public IReadOnlyList<ContentBlock> Blocks => _blocks;

    public long Bytes { get; private set; }

    public void Add(ContentBlock block)
    {
        _blocks.Add(block);
        Bytes += block.Size;
    }
}
