using System.Diagnostics;
using Npgsql;

namespace Kami.TestCommon;

/// <summary>
/// One private PostgreSQL cluster per test process (scripts/postgres.sh: initdb into a temp directory, loopback only,
/// trust auth), started on first use and stopped when the process exits; each test takes a fresh database from it.
/// PostgreSQL missing fails the test with what to run (guest/install-toolchain.sh installs it); nothing is skipped.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _directory;

    private PostgresServer(string uri, string directory)
    {
        Uri = uri;
        _directory = directory;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    /// <summary>The cluster, started once for this test process.</summary>
    public static PostgresServer Instance => Shared.Value;

    /// <summary>The URI of the cluster's own <c>kami</c> database (user <c>kami</c>, no password).</summary>
    public string Uri { get; }

    /// <summary>An empty database of its own, as a <c>postgresql://</c> URI.</summary>
    public string NewDatabase()
    {
        var name = "t" + Guid.NewGuid().ToString("n");
        using (var connection = new NpgsqlConnection(ConnectionString(Uri)))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return Uri[..(Uri.LastIndexOf('/') + 1)] + name;
    }

    /// <summary>Runs SQL in the database a URI names (to look at or tamper with what KAMI stored).</summary>
    public static void Execute(string uri, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new NpgsqlConnection(ConnectionString(uri));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    /// <summary>One value from the database a URI names.</summary>
    public static object? Scalar(string uri, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(uri));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    // postgresql://kami@127.0.0.1:PORT/DB as the script prints it.
    private static string ConnectionString(string uri)
    {
        var u = new Uri(uri);
        return $"Host={u.Host};Port={u.Port};Username={u.UserInfo};Database={u.AbsolutePath.TrimStart('/')};Pooling=false";
    }

    private static PostgresServer Start()
    {
        var script = Path.Combine(RepoPaths.Root, "scripts", "postgres.sh");
        var directory = Path.Combine(Path.GetTempPath(), "kami-test-pg-" + Guid.NewGuid().ToString("n"));
        var start = new ProcessStartInfo(script, ["start", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        // The test host may be ended without running ProcessExit handlers: the script then stops the cluster itself.
        start.Environment["KAMI_POSTGRES_OWNER_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) throw new TimeoutException("scripts/postgres.sh start did not finish within 120 s");
        var uri = stdout.Result.Trim().Split('\n').LastOrDefault()?.Trim();
        if (process.ExitCode != 0 || uri is null || !uri.StartsWith("postgresql://", StringComparison.Ordinal))
            throw new InvalidOperationException($"scripts/postgres.sh could not start PostgreSQL (run guest/install-toolchain.sh, which installs it):\n{stderr.Result}");
        return new PostgresServer(uri, directory);
    }

    private void Stop()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Path.Combine(RepoPaths.Root, "scripts", "postgres.sh"), ["stop", _directory])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            });
            process?.WaitForExit(30_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
