using System.Collections.Concurrent;
using Kami.Core.Errors;
using Kami.Core.Hosting;
using Kami.Core.Registry;
using Npgsql;

namespace Kami.Registry.Postgres;

/// <summary>
/// Components kept in the shared database by SHA-256. A replica that lacks one fetches it once, checks its hash
/// against the pin before anything uses it, and writes it into its own tools directory (temp file, flush, rename),
/// where the runtime finds it, hashes it again against the pin and checks the signature policy before compiling.
/// </summary>
public sealed class PostgresComponentStore : IComponentStore
{
    private readonly PostgresToolRegistry _registry;
    // Pairs already on disk: after the first call a tool's component costs one dictionary lookup, no stat.
    private readonly ConcurrentDictionary<(string Sha256, string File), bool> _local = new();

    /// <summary>The store in <paramref name="registry"/>'s database, writing into its tools directory.</summary>
    public PostgresComponentStore(PostgresToolRegistry registry) => _registry = registry;

    /// <inheritdoc/>
    public void EnsureLocal(string sha256, string wasmFile)
    {
        if (_local.ContainsKey((sha256, wasmFile))) return;
        var full = Path.GetFullPath(wasmFile);
        if (!PathContainment.IsInside(_registry.ToolsDirectory, full))
            throw new KamiException(ErrorKind.Internal, $"component {full} is outside the tools directory {_registry.ToolsDirectory}");
        if (!File.Exists(full)) Fetch(sha256.ToLowerInvariant(), full);
        _local[(sha256, wasmFile)] = true;
    }

    private void Fetch(string sha256, string file)
    {
        var bytes = _registry.Database.Read(connection =>
        {
            using var command = new NpgsqlCommand("SELECT bytes FROM components WHERE sha256 = @sha", connection);
            command.Parameters.AddWithValue("sha", sha256);
            return command.ExecuteScalar() as byte[];
        }) ?? throw new KamiException(ErrorKind.ToolNotFound,
            $"the shared registry {_registry.Database.Uri.Display} has no component with SHA-256 {sha256} (uninstalled meanwhile?); `kami list` shows what is installed");
        // The database is shared with other machines: what it hands back is checked like a download.
        if (!PostgresToolRegistry.Sha256Hex(bytes).Equals(sha256, StringComparison.Ordinal))
            throw new KamiException(ErrorKind.IntegrityMismatch,
                $"the component stored in {_registry.Database.Uri.Display} for SHA-256 {sha256} does not match that hash; reinstall the tool");
        var directory = Path.GetDirectoryName(file)!;
        PrivateFiles.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".fetch-{Guid.NewGuid():n}");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = PrivateFiles.FileMode;
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            // Another request of this replica may have fetched it meanwhile: the same bytes, so either copy will do.
            File.Move(temp, file, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
