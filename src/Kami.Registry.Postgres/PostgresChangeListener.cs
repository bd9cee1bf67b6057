using Npgsql;

namespace Kami.Registry.Postgres;

/// <summary>
/// One connection per process that LISTENs on the registry's channel and completes <see cref="NextChange"/> on every
/// NOTIFY. When the connection drops it reconnects after a second, and signals once on reconnecting, since a change
/// may have been missed meanwhile; callers poll as well, so a lost signal only costs latency.
/// </summary>
internal sealed class PostgresChangeListener : IDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private readonly NpgsqlDataSource _source;
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public PostgresChangeListener(NpgsqlDataSource source) => _source = source;

    public Task NextChange()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0) _ = Task.Run(ListenAsync);
        return Volatile.Read(ref _next).Task;
    }

    private void Signal() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task ListenAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _source.OpenConnectionAsync(token).ConfigureAwait(false);
                connection.Notification += (_, _) => Signal();
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDatabase.ChangeChannel}", connection))
                    await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                Signal();
                while (true) await connection.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The server went away (a restart: refused, "starting up", a cut socket, or whatever Npgsql makes of a
                // connection broken halfway): polling carries on meanwhile; try again shortly. Any failure is retried,
                // since nothing observes this task: a loop that ended on an unforeseen exception would stop listening for good.
            }
            try
            {
                await Task.Delay(ReconnectDelay, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
