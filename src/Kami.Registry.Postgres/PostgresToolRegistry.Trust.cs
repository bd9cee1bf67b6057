using System.Globalization;
using Kami.Core.Trust;
using Npgsql;

namespace Kami.Registry.Postgres;

/// <summary>Trusted signers, shared by the fleet; a change bumps the revision so every replica re-reads what it serves.</summary>
public sealed partial class PostgresToolRegistry : ITrustStore
{
    /// <inheritdoc/>
    public IReadOnlyList<TrustedSigner> ListSigners() => _database.Read(connection =>
    {
        using var command = new NpgsqlCommand("SELECT public_key, name, added_at FROM trusted_signers ORDER BY lower(name) COLLATE \"C\"", connection);
        using var reader = command.ExecuteReader();
        var result = new List<TrustedSigner>();
        while (reader.Read())
            result.Add(new TrustedSigner(reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture)));
        return (IReadOnlyList<TrustedSigner>)result;
    });

    /// <inheritdoc/>
    public bool AddSigner(TrustedSigner signer) => _database.Write(connection =>
    {
        using (var check = new NpgsqlCommand("SELECT count(*) FROM trusted_signers WHERE lower(name) = lower(@name) AND public_key <> @key", connection))
        {
            check.Parameters.AddWithValue("name", signer.Name);
            check.Parameters.AddWithValue("key", signer.PublicKey);
            if (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) > 0) return false;
        }
        using (var command = new NpgsqlCommand("""
            INSERT INTO trusted_signers (public_key, name, added_at) VALUES (@key, @name, @at)
            ON CONFLICT (public_key) DO UPDATE SET name = excluded.name
            """, connection))
        {
            command.Parameters.AddWithValue("key", signer.PublicKey);
            command.Parameters.AddWithValue("name", signer.Name);
            command.Parameters.AddWithValue("at", signer.AddedAt.ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }
        BumpRevision(connection);
        return true;
    });

    /// <inheritdoc/>
    public TrustedSigner? RemoveSigner(string keyOrName)
    {
        var signers = ListSigners();
        var found = signers.FirstOrDefault(s => s.PublicKey.Equals(keyOrName, StringComparison.OrdinalIgnoreCase))
            ?? signers.FirstOrDefault(s => s.Name.Equals(keyOrName, StringComparison.OrdinalIgnoreCase));
        if (found is null) return null;
        return _database.Write(connection =>
        {
            using var command = new NpgsqlCommand("DELETE FROM trusted_signers WHERE public_key = @key", connection);
            command.Parameters.AddWithValue("key", found.PublicKey);
            command.ExecuteNonQuery();
            BumpRevision(connection);
            return found;
        });
    }

    /// <inheritdoc/>
    public bool IsTrusted(string publicKey) => _database.Read(connection =>
    {
        using var command = new NpgsqlCommand("SELECT 1 FROM trusted_signers WHERE public_key = @key", connection);
        command.Parameters.AddWithValue("key", publicKey.ToLowerInvariant());
        return command.ExecuteScalar() is not null;
    });
}
