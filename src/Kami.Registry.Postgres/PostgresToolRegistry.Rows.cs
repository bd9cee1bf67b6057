using System.Globalization;
using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Core.Registry.Storage;
using Kami.Core.Tools;
using Npgsql;

namespace Kami.Registry.Postgres;

/// <summary>Rows: reading and writing a tool, the relative install path, and the stored component.</summary>
public sealed partial class PostgresToolRegistry
{
    private InstalledTool? FindIn(NpgsqlConnection connection, ToolId id, string table = "tools")
    {
        using var command = new NpgsqlCommand($"SELECT {Columns} FROM {table} WHERE lower(id) = lower(@id)", connection);
        command.Parameters.AddWithValue("id", id.Value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadTool(reader) : null;
    }

    private void Write(NpgsqlConnection connection, string table, InstalledTool tool)
    {
        using var command = new NpgsqlCommand($"INSERT INTO {table} ({Columns}) VALUES ({string.Join(", ", ToolRow.Columns.Select(c => "@" + c))})", connection);
        var values = ToolRow.Values(tool, Shared(tool.InstallPath));
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue(ToolRow.Columns[i], values[i]);
        command.ExecuteNonQuery();
    }

    private InstalledTool ReadTool(NpgsqlDataReader r) => ToolRow.Read(r, Local);

    // Stored relative to the tools directory (with '/'), so every replica resolves it under its own home.
    private string Shared(string installPath)
    {
        var full = Path.GetFullPath(installPath);
        if (!Kami.Core.Hosting.PathContainment.IsInside(ToolsDirectory, full))
            throw new KamiException(ErrorKind.Internal, $"install directory {full} is outside the tools directory {ToolsDirectory}");
        return Path.GetRelativePath(ToolsDirectory, full).Replace(Path.DirectorySeparatorChar, '/');
    }

    private string Local(string stored)
    {
        var full = Path.GetFullPath(Path.Combine(ToolsDirectory, stored.Replace('/', Path.DirectorySeparatorChar)));
        // A row is data from a shared database: it may not point a replica outside its tools directory.
        if (!Kami.Core.Hosting.PathContainment.IsInside(ToolsDirectory, full))
            throw new KamiException(ErrorKind.RegistryUnavailable, $"the registry {_database.Uri.Display} records an install path outside the tools directory ({stored}); reinstall that tool");
        return full;
    }

    // Read (and checked against the pin) before the transaction, so a wrong file is refused before anything is written.
    private static byte[] ComponentBytes(InstalledTool tool)
    {
        var bytes = File.ReadAllBytes(tool.WasmFile);
        if (!Sha256Hex(bytes).Equals(tool.WasmSha256, StringComparison.OrdinalIgnoreCase))
            throw new KamiException(ErrorKind.PackageInvalid, $"the component of {tool.Id} at {tool.WasmFile} does not match its SHA-256 pin; install it again");
        return bytes;
    }

    internal static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static void StoreComponent(NpgsqlConnection connection, string sha256, byte[] bytes)
    {
        using var command = new NpgsqlCommand("INSERT INTO components (sha256, bytes, stored_at) VALUES (@sha, @bytes, @at) ON CONFLICT (sha256) DO NOTHING", connection);
        command.Parameters.AddWithValue("sha", sha256.ToLowerInvariant());
        command.Parameters.AddWithValue("bytes", bytes);
        command.Parameters.AddWithValue("at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    // A component no tool or previous version names is gone from every replica's view; keeping it would only grow the database.
    private static void DropUnreferencedComponents(NpgsqlConnection connection) =>
        PostgresDatabase.Execute(connection,
            "DELETE FROM components WHERE sha256 NOT IN (SELECT lower(wasm_sha256) FROM tools UNION SELECT lower(wasm_sha256) FROM previous_tools)");

    private static void Delete(NpgsqlConnection connection, string table, ToolId id)
    {
        using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE lower(id) = lower(@id)", connection);
        command.Parameters.AddWithValue("id", id.Value);
        command.ExecuteNonQuery();
    }

    private static void BumpRevision(NpgsqlConnection connection) =>
        PostgresDatabase.Execute(connection, $"UPDATE meta SET value = value + 1 WHERE key = 'tools_revision'; NOTIFY {PostgresDatabase.ChangeChannel}");
}
