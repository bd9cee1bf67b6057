using Kami.Runtime.Contracts;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Fresh instances made ahead of calls, shared by all workers, so that whichever worker takes a tool's next call
/// finds one ready. Made by idle workers (off the call path) for the tools called most recently, under the policy
/// and data directory of their last call. A call takes one out and it never comes back: each serves exactly one
/// call. An instance fits a call only for the same compiled component (a reinstall loads another), policy and data
/// directory; a call that does not fit drops its tool's stock. Bounded: at most <see cref="Capacity"/> instances
/// in all (held or being made) and <see cref="PerTool"/> per tool, which the pooling allocator's slots are sized for.
/// </summary>
internal sealed class ReadyInstanceStock(int capacity, int perTool, ReadyInstanceCounts counts) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Lane> _lanes = []; // most recently called first
    private int _held; // instances in the stock or being made
    private bool _disposed;

    public int Capacity { get; } = Math.Max(1, capacity);
    public int PerTool { get; } = Math.Max(1, perTool);

    /// <summary>Instances held now (for tests and diagnostics).</summary>
    public int Count
    {
        get { lock (_lock) return _lanes.Sum(lane => lane.Ready.Count); }
    }

    /// <summary>A ready instance for this call, or null. A stock made for another component, policy or data directory is dropped.</summary>
    public FreshInstance? Take(LoadedComponent component, ExecutionRequest request)
    {
        List<FreshInstance>? misfits = null;
        FreshInstance? taken = null;
        lock (_lock)
        {
            if (Find(request.ToolId) is { } lane)
            {
                if (lane.Fits(component, request))
                {
                    if (lane.Ready.TryPop(out taken)) _held--;
                }
                else misfits = Drop(lane);
            }
        }
        DisposeAll(misfits);
        if (taken is not null) Interlocked.Increment(ref counts.Used);
        return taken;
    }

    /// <summary>
    /// Records that a tool was just called, so idle workers keep instances of it ready (only for tools that may be
    /// made ahead: <see cref="FreshInstance.CanBeMadeAhead"/>); the least recently called tool's stock goes when there
    /// are more tools than the capacity.
    /// </summary>
    public void Called(LoadedComponent component, ExecutionRequest request)
    {
        List<FreshInstance>? dropped = null;
        lock (_lock)
        {
            if (_disposed) return;
            var lane = Find(request.ToolId);
            if (lane is not null && !lane.Fits(component, request))
            {
                dropped = Drop(lane);
                lane = null;
            }
            // A tool that is never made ahead only has a misfit stock to leave (dropped above).
            if (FreshInstance.CanBeMadeAhead(request))
            {
                if (lane is null) lane = new Lane(component, request);
                else _lanes.Remove(lane);
                lane.Failed = false;
                lane.Wanted = null;
                _lanes.Insert(0, lane);
                while (_lanes.Count > Capacity) (dropped ??= []).AddRange(Drop(_lanes[^1]));
            }
        }
        DisposeAll(dropped);
    }

    /// <summary>
    /// Asks for one instance of a tool that has not been called yet (a host getting ready for an agent's first calls),
    /// after the tools that have been: it never displaces a called tool's stock, and is ignored when the stock already
    /// serves <see cref="Capacity"/> tools or the tool has a lane. Its first call makes it an ordinary lane.
    /// Not for a tool that may reach the network: making an instance runs its start functions, which must not send
    /// requests because a client listed the tools; such a tool gets its instances ahead from its first call on.
    /// </summary>
    public void Prime(LoadedComponent component, ExecutionRequest request)
    {
        lock (_lock)
        {
            if (_disposed || !FreshInstance.CanBeMadeAhead(request) || request.Policy.HasNetwork
                || Find(request.ToolId) is not null || _lanes.Count >= Capacity) return;
            _lanes.Add(new Lane(component, request) { Wanted = 1 });
        }
    }

    /// <summary>
    /// Makes one instance for the most recently called tool that has fewer than <see cref="PerTool"/> (making room by
    /// dropping one of a less recent tool's when the stock is full). Returns false when there was nothing to make.
    /// A failure is not reported (the call path reports its own) and stops that tool's stock until its next call.
    /// </summary>
    public bool MakeOne(WasmEngine engine, CancellationToken shutdown)
    {
        Lane? target = null;
        FreshInstance? evicted = null;
        lock (_lock)
        {
            if (_disposed) return false;
            target = _lanes.FirstOrDefault(lane => !lane.Failed && lane.Ready.Count + lane.Making < (lane.Wanted ?? PerTool));
            if (target is null) return false;
            if (_held >= Capacity)
            {
                // Room for the more recent tool: one instance of the least recent tool that has any.
                var donor = _lanes.LastOrDefault(lane => lane != target && lane.Ready.Count > 0);
                if (donor is null || _lanes.IndexOf(donor) < _lanes.IndexOf(target)) return false;
                evicted = donor.Ready.Pop();
                _held--;
            }
            target.Making++;
            _held++;
        }
        evicted?.Dispose();
        FreshInstance? made = null;
        try
        {
            made = FreshInstance.Create(engine, target.Component, target.Request, shutdown);
            Interlocked.Increment(ref counts.Made);
        }
        catch (Exception)
        {
            // Nothing to report here: the next call instantiates on its own path and reports the failure to its caller.
        }
        lock (_lock)
        {
            target.Making--;
            if (made is not null && !target.Dropped && !_disposed)
            {
                target.Ready.Push(made);
                return true;
            }
            _held--;
            if (made is null) target.Failed = true;
        }
        made?.Dispose(); // its tool's stock was dropped (a misfit call, a reinstall) while it was being made
        return true;
    }

    /// <summary>Drops a tool's stock (its package was replaced, removed or disabled).</summary>
    public void Forget(string toolId)
    {
        List<FreshInstance>? dropped = null;
        lock (_lock)
        {
            if (Find(toolId) is { } lane) dropped = Drop(lane);
        }
        DisposeAll(dropped);
    }

    /// <summary>Drops every tool's stock, returning its memory to the pool.</summary>
    public void Clear()
    {
        List<FreshInstance> dropped = [];
        lock (_lock)
        {
            while (_lanes.Count > 0) dropped.AddRange(Drop(_lanes[0]));
        }
        DisposeAll(dropped);
    }

    public void Dispose()
    {
        lock (_lock) _disposed = true;
        Clear();
    }

    private Lane? Find(string toolId) => _lanes.Find(lane => lane.Request.ToolId == toolId);

    // Under the lock. An instance still being made for the lane is disposed by its maker when it sees Dropped.
    private List<FreshInstance> Drop(Lane lane)
    {
        _lanes.Remove(lane);
        lane.Dropped = true;
        var ready = lane.Ready.ToList();
        lane.Ready.Clear();
        _held -= ready.Count;
        return ready;
    }

    private static void DisposeAll(List<FreshInstance>? instances)
    {
        if (instances is null) return;
        foreach (var instance in instances) instance.Dispose();
    }

    private sealed class Lane(LoadedComponent component, ExecutionRequest request)
    {
        public LoadedComponent Component { get; } = component;
        // What instances are made under; the call's own input and sinks are not kept.
        public ExecutionRequest Request { get; } = request with { Input = "", LogSink = null, ProgressSink = null };
        public Stack<FreshInstance> Ready { get; } = new();
        public int Making;
        public bool Failed;
        // How many to keep ready: PerTool (null) once called; one for a tool primed before its first call.
        public int? Wanted;
        public bool Dropped;

        public bool Fits(LoadedComponent component, ExecutionRequest request) =>
            ReferenceEquals(Component, component) && Request.Policy.Equals(request.Policy) && Request.DataDirectory == request.DataDirectory;
    }
}
