using System.Globalization;
using Kami.Core.Identity;
using Npgsql;

namespace Kami.Registry.Postgres;

/// <summary>Named clients, shared by the fleet beside the tools they may call. Only the hash of each token is stored.</summary>
public sealed partial class PostgresToolRegistry : IClientStore
{
    private const string ClientColumns = "name, tools, calls_per_minute, fuel_per_day, token_hash, created_at";

    /// <inheritdoc/>
    public IReadOnlyList<Client> ListClients() => QueryClients($"SELECT {ClientColumns} FROM clients ORDER BY lower(name)", null);

    /// <inheritdoc/>
    public Client? FindClient(string name) => QueryClients($"SELECT {ClientColumns} FROM clients WHERE lower(name) = lower(@v)", name).FirstOrDefault();

    /// <inheritdoc/>
    public Client? FindClientByTokenHash(string tokenHash) =>
        QueryClients($"SELECT {ClientColumns} FROM clients WHERE token_hash = @v", tokenHash).FirstOrDefault();

    /// <inheritdoc/>
    public bool AddClient(Client client) => _database.Write(connection =>
    {
        using var command = new NpgsqlCommand($"""
            INSERT INTO clients ({ClientColumns}) VALUES (@name, @tools, @calls, @fuel, @hash, @at)
            ON CONFLICT DO NOTHING
            """, connection);
        command.Parameters.AddWithValue("name", client.Name);
        command.Parameters.AddWithValue("tools", client.Tools.ToString());
        command.Parameters.AddWithValue("calls", (object?)client.Quota.CallsPerMinute ?? DBNull.Value);
        command.Parameters.AddWithValue("fuel", (object?)client.Quota.FuelPerDay ?? DBNull.Value);
        command.Parameters.AddWithValue("hash", client.TokenHash);
        command.Parameters.AddWithValue("at", client.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery() == 1;
    });

    /// <inheritdoc/>
    public Client? RemoveClient(string name) => _database.Write(connection =>
    {
        using var command = new NpgsqlCommand($"DELETE FROM clients WHERE lower(name) = lower(@name) RETURNING {ClientColumns}", connection);
        command.Parameters.AddWithValue("name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadClient(reader) : null;
    });

    /// <inheritdoc/>
    public bool ReplaceClientToken(string name, string tokenHash) => _database.Write(connection =>
    {
        using var command = new NpgsqlCommand("UPDATE clients SET token_hash = @hash WHERE lower(name) = lower(@name)", connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("hash", tokenHash);
        return command.ExecuteNonQuery() == 1;
    });

    private List<Client> QueryClients(string sql, string? value) => _database.Read(connection =>
    {
        using var command = new NpgsqlCommand(sql, connection);
        if (value is not null) command.Parameters.AddWithValue("v", value);
        using var reader = command.ExecuteReader();
        var result = new List<Client>();
        while (reader.Read()) result.Add(ReadClient(reader));
        return result;
    });

    // Rows were checked when written; a row edited by hand into a bad pattern grants nothing rather than failing every request.
    private static Client ReadClient(NpgsqlDataReader r)
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
