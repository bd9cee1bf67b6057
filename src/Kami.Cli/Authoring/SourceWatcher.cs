using System.Threading.Channels;

namespace Kami.Cli.Authoring;

/// <summary>
/// Signals when a package's sources change: tool.toml, C, JS and TS files, test cases. Build outputs and
/// node_modules are ignored, so a rebuild does not trigger itself. Bursts (an editor's save writes several
/// times) come out as one change.
/// </summary>
internal sealed class SourceWatcher : IDisposable
{
    private static readonly string[] Watched = [".toml", ".c", ".h", ".js", ".mjs", ".ts", ".json"];
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    private readonly FileSystemWatcher _watcher;
    private readonly Channel<string> _changes = Channel.CreateUnbounded<string>();

    public SourceWatcher(string root)
    {
        _watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnEvent;
        _watcher.Created += OnEvent;
        _watcher.Deleted += OnEvent;
        _watcher.Renamed += OnEvent;
        _watcher.EnableRaisingEvents = true;
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        var path = e.FullPath;
        if (path.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) return;
        if (path.EndsWith(".tmp", StringComparison.Ordinal) || path.EndsWith(".wasm", StringComparison.Ordinal)) return;
        if (!Watched.Any(ext => path.EndsWith(ext, StringComparison.Ordinal))) return;
        _changes.Writer.TryWrite(e.Name ?? path);
    }

    /// <summary>Waits for a change, then for the files to be quiet; returns the names that changed.</summary>
    public async Task<IReadOnlyList<string>> NextAsync(CancellationToken cancellation)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal) { await _changes.Reader.ReadAsync(cancellation).ConfigureAwait(false) };
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            quiet.CancelAfter(Quiet);
            try
            {
                names.Add(await _changes.Reader.ReadAsync(quiet.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                return [.. names];
            }
        }
    }

    public void Dispose() => _watcher.Dispose();
}
