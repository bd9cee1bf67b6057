using Kami.Core.Errors;
using Npgsql;

namespace Kami.Registry.Postgres;

/// <summary>
/// A <c>postgresql://user@host:port/db</c> registry URI: what it names, as connection settings, and a form safe to
/// print. A password is never taken from the URI into any message: it comes from <c>PGPASSWORD</c>,
/// <c>PGPASSFILE</c> or <c>~/.pgpass</c> (Npgsql reads them), and one written in the URI is used but never shown.
/// </summary>
public sealed class PostgresUri
{
    private static readonly string[] Schemes = ["postgresql://", "postgres://"];
    private static readonly HashSet<string> SslModes = new(StringComparer.OrdinalIgnoreCase) { "disable", "allow", "prefer", "require", "verify-ca", "verify-full" };

    private PostgresUri(NpgsqlConnectionStringBuilder settings, string display)
    {
        Settings = settings;
        Display = display;
    }

    /// <summary>Connection settings (with the password when the URI had one: never print them).</summary>
    internal NpgsqlConnectionStringBuilder Settings { get; }

    /// <summary>The URI without any password, for messages, logs and <c>kami status</c>.</summary>
    public string Display { get; }

    /// <summary>Whether <paramref name="value"/> is meant as a PostgreSQL URI (rather than a SQLite file path).</summary>
    public static bool IsUri(string? value) =>
        value is not null && Schemes.Any(s => value.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>The URI as it may be printed: its display form, or a placeholder when it does not parse (never the text, which may hold a password).</summary>
    public static string Redacted(string value)
    {
        try
        {
            return Parse(value).Display;
        }
        catch (KamiException)
        {
            return "postgresql://(not a valid URI)";
        }
    }

    /// <summary>Parses the URI; a malformed one is a <see cref="KamiException"/> that says what is wrong and never repeats a password.</summary>
    public static PostgresUri Parse(string value)
    {
        if (!IsUri(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw Bad("it is not a URI of the form postgresql://user@host:port/database");
        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? userInfo : userInfo[..colon];
        var password = colon < 0 ? null : userInfo[(colon + 1)..];
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (user.Length == 0) throw Bad("it names no user (postgresql://USER@host:port/database)");
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal)) throw Bad("it names no database (postgresql://user@host:port/DATABASE)");
        var settings = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Username = user,
            Database = database,
            ApplicationName = "kami",
            Timeout = 10,
            // Npgsql's pool: a failed connection is retried by the next open, so a replica rides out a restart.
            Pooling = true,
            MaxPoolSize = 20,
        };
        if (!string.IsNullOrEmpty(password)) settings.Password = password;
        foreach (var (key, val) in Query(uri.Query))
        {
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) && SslModes.Contains(val))
                settings.SslMode = Enum.Parse<SslMode>(val.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
            else
                throw Bad($"the parameter '{key}' is not supported (only sslmode={string.Join("|", SslModes)})");
        }
        var display = $"postgresql://{Uri.EscapeDataString(user)}@{uri.Authority[(uri.Authority.IndexOf('@', StringComparison.Ordinal) + 1)..]}/{Uri.EscapeDataString(database)}";
        return new PostgresUri(settings, display);
    }

    private static IEnumerable<(string Key, string Value)> Query(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? (Uri.UnescapeDataString(pair), "") : (Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..]));
        });

    // The value itself is never repeated: it may hold a password.
    private static KamiException Bad(string why) =>
        new(ErrorKind.RegistryUnavailable, $"the db setting (KAMI_DB, --db) is not a usable PostgreSQL URI: {why}; write it as postgresql://user@host:port/database and give the password in PGPASSWORD or ~/.pgpass");
}
