using Kami.Core.Errors;
using Kami.Runtime.Execution;

namespace Kami.Runtime.Tests;

/// <summary>The scheduler's wait queue on its own: no threads, no workers, every order exact.</summary>
public sealed class FairQueueTests
{
    private static List<string> Drain(FairQueue<string> queue)
    {
        var taken = new List<string>();
        while (queue.TryDequeue(out var item)) taken.Add(item);
        return taken;
    }

    [Fact]
    public void TryDequeue_SeveralCallsPerTool_TakesOneFromEachToolInTurn()
    {
        var queue = new FairQueue<string>(limit: 100);
        foreach (var (tool, call) in new[] { ("a", "a1"), ("a", "a2"), ("a", "a3"), ("b", "b1"), ("B", "b2"), ("c", "c1") })
            Assert.NotNull(queue.TryEnqueue(tool, call));

        Assert.Equal(["a1", "b1", "c1", "a2", "b2", "a3"], Drain(queue));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void TryEnqueue_ToolReturnsAfterItsLaneEmptied_JoinsTheBackOfTheRotation()
    {
        var queue = new FairQueue<string>(limit: 100);
        queue.TryEnqueue("a", "a1");
        queue.TryEnqueue("b", "b1");
        queue.TryEnqueue("b", "b2");
        Assert.True(queue.TryDequeue(out var first));
        Assert.Equal("a1", first);

        queue.TryEnqueue("a", "a2"); // a's lane was gone: a queues behind b, whose turn it is

        Assert.Equal(["b1", "a2", "b2"], Drain(queue));
    }

    [Fact]
    public void TryEnqueue_QueueFull_RefusesUntilACallLeaves()
    {
        var queue = new FairQueue<string>(limit: 2);
        Assert.NotNull(queue.TryEnqueue("a", "a1"));
        Assert.NotNull(queue.TryEnqueue("b", "b1"));

        Assert.Null(queue.TryEnqueue("c", "c1"));
        Assert.Equal(2, queue.Count);

        Assert.True(queue.TryDequeue(out _));
        Assert.NotNull(queue.TryEnqueue("c", "c1"));
        Assert.Equal(["b1", "c1"], Drain(queue));
    }

    [Fact]
    public void Busy_QueueFull_SaysHowLoadedAndWhatToDo()
    {
        var queue = new FairQueue<string>(limit: 1);
        queue.TryEnqueue("a", "a1");

        var e = queue.Busy(running: 3);

        Assert.Equal(ErrorKind.Busy, e.Kind);
        Assert.Equal("KAMI is busy: 3 calls are running and 1 are waiting (queue limit 1); try again shortly", e.Message);
    }

    [Fact]
    public void Remove_CallCancelledWhileWaiting_LeavesAtOnceAndFreesItsPlace()
    {
        var queue = new FairQueue<string>(limit: 3);
        queue.TryEnqueue("a", "a1");
        var cancelled = queue.TryEnqueue("a", "a2")!;
        queue.TryEnqueue("b", "b1");

        Assert.True(queue.Remove(cancelled));

        Assert.Equal(2, queue.Count);
        Assert.NotNull(queue.TryEnqueue("c", "c1"));
        Assert.Equal(["a1", "b1", "c1"], Drain(queue));
    }

    [Fact]
    public void Remove_LastCallOfATool_DropsTheToolFromTheRotation()
    {
        var queue = new FairQueue<string>(limit: 10);
        var only = queue.TryEnqueue("a", "a1")!;
        queue.TryEnqueue("b", "b1");
        queue.Remove(only);

        queue.TryEnqueue("a", "a2"); // a new lane, behind b

        Assert.Equal(["b1", "a2"], Drain(queue));
    }

    [Fact]
    public void Remove_CallAlreadyTaken_ReturnsFalseAndChangesNothing()
    {
        var queue = new FairQueue<string>(limit: 10);
        var taken = queue.TryEnqueue("a", "a1")!;
        Assert.True(queue.TryDequeue(out _));
        queue.TryEnqueue("a", "a2");

        Assert.False(queue.Remove(taken));
        Assert.False(queue.Remove(taken));

        Assert.Equal(1, queue.Count);
        Assert.Equal(["a2"], Drain(queue));
    }

    [Fact]
    public void TryDequeue_Empty_ReturnsFalse()
    {
        var queue = new FairQueue<string>(limit: 1);

        Assert.False(queue.TryDequeue(out _));
        Assert.Equal(0, queue.Count);
    }
}
