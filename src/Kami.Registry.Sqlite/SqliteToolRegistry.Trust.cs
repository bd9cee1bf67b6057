using System.Globalization;
using Kami.Core.Trust;

namespace Kami.Registry.Sqlite;

/// <summary>Trusted signers; a change bumps the revision so a running server re-reads what it serves.</summary>
public sealed partial class SqliteToolRegistry : ITrustStore
{
    /// <inheritdoc/>
    public IReadOnlyList<TrustedSigner> ListSigners()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT public_key, name, added_at FROM trusted_signers ORDER BY name";
        using var reader = command.ExecuteReader();
        var result = new List<TrustedSigner>();
        while (reader.Read())
            result.Add(new TrustedSigner(reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture)));
        return result;
    }

    /// <inheritdoc/>
    public bool AddSigner(TrustedSigner signer)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "SELECT count(*) FROM trusted_signers WHERE name = $name AND public_key <> $key";
            check.Parameters.AddWithValue("$name", signer.Name);
            check.Parameters.AddWithValue("$key", signer.PublicKey);
            if (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) > 0) return false;
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO trusted_signers (public_key, name, added_at) VALUES ($key, $name, $at)
                ON CONFLICT(public_key) DO UPDATE SET name = excluded.name
                """;
            command.Parameters.AddWithValue("$key", signer.PublicKey);
            command.Parameters.AddWithValue("$name", signer.Name);
            command.Parameters.AddWithValue("$at", signer.AddedAt.ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }
        BumpRevision(connection);
        transaction.Commit();
        return true;
    }

    /// <inheritdoc/>
    public TrustedSigner? RemoveSigner(string keyOrName)
    {
        var found = ListSigners().FirstOrDefault(s => s.PublicKey.Equals(keyOrName, StringComparison.OrdinalIgnoreCase))
            ?? ListSigners().FirstOrDefault(s => s.Name.Equals(keyOrName, StringComparison.OrdinalIgnoreCase));
        if (found is null) return null;
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM trusted_signers WHERE public_key = $key";
        command.Parameters.AddWithValue("$key", found.PublicKey);
        command.ExecuteNonQuery();
        BumpRevision(connection);
        transaction.Commit();
        return found;
    }

    /// <inheritdoc/>
    public bool IsTrusted(string publicKey)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM trusted_signers WHERE public_key = $key";
        command.Parameters.AddWithValue("$key", publicKey.ToLowerInvariant());
        return command.ExecuteScalar() is not null;
    }
}
