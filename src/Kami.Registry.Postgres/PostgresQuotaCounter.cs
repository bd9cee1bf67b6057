using System.Globalization;
using Kami.Core.Identity;
using Npgsql;

namespace Kami.Registry.Postgres;

/// <summary>
/// Quota counters the fleet shares, so a caller's calls per minute and fuel per day hold across every replica: one
/// atomic upsert per add. If the database cannot be reached the counter falls back to this replica's own count (a
/// database restart must not fail calls; for that while the quota holds per replica only) and returns to the shared
/// one on the next add that succeeds.
/// </summary>
public sealed class PostgresQuotaCounter(PostgresToolRegistry registry, TimeProvider time) : IQuotaCounter
{
    private readonly PostgresDatabase _database = registry.Database;
    private readonly InProcessQuotaCounter _fallback = new(time);
    private long _adds;
    // A call waits at most this long for the shared count; Npgsql's connect timeout (10 s) is far longer, and a caller
    // must not wait it out while the database restarts.
    private static readonly TimeSpan AddBudget = TimeSpan.FromSeconds(1);
    // After a failure, adds go straight to the replica's own count for this long, so an outage costs one wait, not one per call.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    private long _downUntilTicks;

    /// <summary>Whether the last add used this replica's own count because the database did not answer.</summary>
    public bool FellBack { get; private set; }

    /// <inheritdoc/>
    public async ValueTask<long> AddAsync(string key, QuotaWindow window, long amount, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _downUntilTicks))
        {
            FellBack = true;
            return await _fallback.AddAsync(key, window, amount, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            // An add that outlives its budget may still land later: the shared count can then run over by that add.
            var total = await Task.Run(() => Add(key, window, amount), cancellationToken).WaitAsync(AddBudget, cancellationToken).ConfigureAwait(false);
            FellBack = false;
            return total;
        }
        catch (Exception e) when (e is Kami.Core.Errors.KamiException or NpgsqlException or InvalidOperationException or TimeoutException)
        {
            FellBack = true;
            Interlocked.Exchange(ref _downUntilTicks, time.GetUtcNow().Add(RetryAfter).UtcTicks);
            return await _fallback.AddAsync(key, window, amount, cancellationToken).ConfigureAwait(false);
        }
    }

    private long Add(string key, QuotaWindow window, long amount) => _database.Read(connection =>
    {
        using var command = new NpgsqlCommand("""
            INSERT INTO quota_counters (key, window_start, window_end, value) VALUES (@key, @start, @end, @amount)
            ON CONFLICT (key, window_start) DO UPDATE SET value = quota_counters.value + excluded.value
            RETURNING value
            """, connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("start", Stamp(window.Start));
        command.Parameters.AddWithValue("end", Stamp(window.End));
        command.Parameters.AddWithValue("amount", amount);
        var total = (long)command.ExecuteScalar()!;
        // Now and then drop the windows that have ended (UTC stamps of one format compare as text).
        if (Interlocked.Increment(ref _adds) % 1024 == 0)
        {
            using var prune = new NpgsqlCommand("DELETE FROM quota_counters WHERE window_end <= @now", connection);
            prune.Parameters.AddWithValue("now", Stamp(time.GetUtcNow()));
            prune.ExecuteNonQuery();
        }
        return total;
    });

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
