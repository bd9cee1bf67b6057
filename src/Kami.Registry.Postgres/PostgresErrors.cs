using System.Net.Sockets;
using Kami.Core.Errors;
using Npgsql;

namespace Kami.Registry.Postgres;

/// <summary>
/// Turns what Npgsql and the network throw into one line: which server (the URI without its password), what went
/// wrong, what to do. Npgsql's own messages can quote connection settings, so none is passed through verbatim
/// except the server's SQLSTATE wording, which never contains the password.
/// </summary>
internal static class PostgresErrors
{
    public static void Guard(PostgresUri uri, Action work) => Guard(uri, () => { work(); return 0; });

    public static T Guard<T>(PostgresUri uri, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (PostgresException e) when (e.SqlState is "28P01" or "28000")
        {
            throw Unavailable(uri, "the server refused the login", "check the user, and the password in PGPASSWORD or ~/.pgpass (PGPASSFILE)", e);
        }
        catch (PostgresException e) when (e.SqlState == "3D000")
        {
            throw Unavailable(uri, "the database does not exist", "create it (createdb) or fix the URI", e);
        }
        catch (NpgsqlException e) when (e.InnerException is SocketException or TimeoutException || e is NpgsqlException { IsTransient: true } && e is not PostgresException)
        {
            throw Unavailable(uri, "the server cannot be reached", "check that PostgreSQL is running there and the host and port are right", e);
        }
        catch (NpgsqlException e) when (e.InnerException is NpgsqlException { InnerException: SocketException })
        {
            throw Unavailable(uri, "the server cannot be reached", "check that PostgreSQL is running there and the host and port are right", e);
        }
        catch (PostgresException e)
        {
            throw Unavailable(uri, $"the server said: {e.SqlState} {e.MessageText}", "check the database's state and this user's rights", e);
        }
        catch (NpgsqlException e)
        {
            throw Unavailable(uri, "the connection failed", "check the URI, the server and the network", e);
        }
    }

    private static KamiException Unavailable(PostgresUri uri, string what, string todo, Exception inner) =>
        new(ErrorKind.RegistryUnavailable, $"cannot use the registry database {uri.Display}: {what}; {todo}", inner);
}
