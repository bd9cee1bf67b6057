using Kami.Core.Errors;

namespace Kami.Runtime.Execution;

/// <summary>
/// The calls waiting for a worker, one lane per tool, served round-robin across lanes so one busy tool cannot
/// starve the others. Bounded: past <see cref="Limit"/> waiting calls, <see cref="TryEnqueue"/> refuses. A call
/// cancelled while it waits is removed at once, so it stops counting against the limit.
/// Not thread-safe: the scheduler holds its lock around every call except reads of <see cref="Count"/>.
/// </summary>
internal sealed class FairQueue<T>(int limit)
{
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkedList<Lane> _rotation = new();
    private int _count;

    public int Limit { get; } = limit;

    /// <summary>Calls waiting. Readable without the lock as a hint (a worker deciding whether to look again).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Queues <paramref name="item"/> at the back of its tool's lane; null when the queue is full.</summary>
    /// <returns>Its place in the queue, to <see cref="Remove"/> it if it is cancelled while it waits.</returns>
    public LinkedListNode<T>? TryEnqueue(string key, T item)
    {
        if (_count >= Limit) return null;
        if (!_lanes.TryGetValue(key, out var lane))
        {
            _lanes[key] = lane = new Lane(key);
            _rotation.AddLast(lane.InRotation);
        }
        _count++;
        return lane.AddLast(item);
    }

    /// <summary>Takes the next call: the first of the lane at the head of the rotation, which then moves to the back.</summary>
    public bool TryDequeue(out T item)
    {
        if (_rotation.First is not { } head)
        {
            item = default!;
            return false;
        }
        var lane = head.Value;
        item = lane.First!.Value;
        lane.RemoveFirst();
        _count--;
        _rotation.RemoveFirst();
        if (lane.Count > 0) _rotation.AddLast(head);
        else _lanes.Remove(lane.Key);
        return true;
    }

    /// <summary>Removes a waiting call; false if it has already been taken (or removed).</summary>
    public bool Remove(LinkedListNode<T> entry)
    {
        if (entry.List is not Lane lane) return false;
        lane.Remove(entry);
        _count--;
        if (lane.Count > 0) return true;
        _rotation.Remove(lane.InRotation);
        _lanes.Remove(lane.Key);
        return true;
    }

    /// <summary>The error for a call refused because the queue is full; says how loaded KAMI is and what to do.</summary>
    public KamiException Busy(int running) =>
        new(ErrorKind.Busy, $"KAMI is busy: {running} calls are running and {_count} are waiting (queue limit {Limit}); try again shortly");

    // A lane carries its own rotation node, so moving it to the back allocates nothing.
    private sealed class Lane : LinkedList<T>
    {
        public Lane(string key)
        {
            Key = key;
            InRotation = new LinkedListNode<Lane>(this);
        }

        public string Key { get; }
        public LinkedListNode<Lane> InRotation { get; }
    }
}
