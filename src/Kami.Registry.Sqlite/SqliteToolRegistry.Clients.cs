using System.Globalization;
using Kami.Core.Identity;
using Microsoft.Data.Sqlite;

namespace Kami.Registry.Sqlite;

/// <summary>Named clients, beside the tools they may call. Only the hash of each token is stored.</summary>
public sealed partial class SqliteToolRegistry : IClientStore
{
    private const string ClientColumns = "name, tools, calls_per_minute, fuel_per_day, token_hash, created_at";

    /// <inheritdoc/>
    public IReadOnlyList<Client> ListClients() => QueryClients($"SELECT {ClientColumns} FROM clients ORDER BY name", null, null);

    /// <inheritdoc/>
    public Client? FindClient(string name) => QueryClients($"SELECT {ClientColumns} FROM clients WHERE name = $v", "$v", name).FirstOrDefault();

    /// <inheritdoc/>
    public Client? FindClientByTokenHash(string tokenHash) =>
        QueryClients($"SELECT {ClientColumns} FROM clients WHERE token_hash = $v", "$v", tokenHash).FirstOrDefault();

    /// <inheritdoc/>
    public bool AddClient(Client client)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO clients ({ClientColumns}) VALUES ($name, $tools, $calls, $fuel, $hash, $at)
            ON CONFLICT(name) DO NOTHING
            """;
        command.Parameters.AddWithValue("$name", client.Name);
        command.Parameters.AddWithValue("$tools", client.Tools.ToString());
        command.Parameters.AddWithValue("$calls", (object?)client.Quota.CallsPerMinute ?? DBNull.Value);
        command.Parameters.AddWithValue("$fuel", (object?)client.Quota.FuelPerDay ?? DBNull.Value);
        command.Parameters.AddWithValue("$hash", client.TokenHash);
        command.Parameters.AddWithValue("$at", client.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery() == 1;
    }

    /// <inheritdoc/>
    public Client? RemoveClient(string name)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM clients WHERE name = $name RETURNING {ClientColumns}";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadClient(reader) : null;
    }

    /// <inheritdoc/>
    public bool ReplaceClientToken(string name, string tokenHash)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE clients SET token_hash = $hash WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$hash", tokenHash);
        return command.ExecuteNonQuery() == 1;
    }

    private List<Client> QueryClients(string sql, string? parameter, string? value)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null) command.Parameters.AddWithValue(parameter, value);
        using var reader = command.ExecuteReader();
        var result = new List<Client>();
        while (reader.Read()) result.Add(ReadClient(reader));
        return result;
    }

    // Rows were checked when written; a row edited by hand into a bad pattern grants nothing rather than failing every request.
    private static Client ReadClient(SqliteDataReader r)
    {
        ToolAccess tools;
        try
        {
            tools = ToolAccess.Parse(r.GetString(1));
        }
        catch (Kami.Core.Errors.KamiException)
        {
            tools = ToolAccess.None;
        }
        return new Client(r.GetString(0), tools, new ClientQuota(r.IsDBNull(2) ? null : r.GetInt64(2), r.IsDBNull(3) ? null : r.GetInt64(3)),
            r.GetString(4), DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture));
    }
}
