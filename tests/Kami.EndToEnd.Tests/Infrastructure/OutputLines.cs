namespace Kami.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The lines a kami process printed, as they arrive; a test awaits the one it expects instead of sleeping or polling.
/// </summary>
public sealed class OutputLines
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    /// <summary>Everything printed so far, one line each.</summary>
    public string Text
    {
        get { lock (_lines) return string.Join('\n', _lines) + (_lines.Count > 0 ? "\n" : ""); }
    }

    public void Add(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(line);
            }
        }
    }

    /// <summary>The first line (already printed or yet to come) that matches; <paramref name="name"/> names the process in a timeout.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, string name = "kami")
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.FirstOrDefault(match) is { } seen) return seen;
            _waiters.Add((match, done));
        }
        try
        {
            return await done.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{name} did not print the expected line within {Timeout}; it printed:\n{Text}");
        }
    }

    /// <summary>Waits for a line containing <paramref name="text"/>.</summary>
    public Task<string> WaitForAsync(string text) => WaitForAsync(l => l.Contains(text, StringComparison.Ordinal));
}
