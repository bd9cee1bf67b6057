using Kami.Core.Errors;
using Kami.Registry.Postgres;
using Kami.TestCommon;

namespace Kami.Registry.Contract.Tests;

/// <summary>The db URI: what is accepted, and every failure one line that never repeats a password.</summary>
public sealed class PostgresUriTests : IDisposable
{
    private const string Secret = "s3cret-Pa55word";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("postgresql://kami@db.internal:5433/fleet", "postgresql://kami@db.internal:5433/fleet")]
    [InlineData("postgres://kami:" + Secret + "@db.internal/fleet", "postgresql://kami@db.internal/fleet")]
    [InlineData("postgresql://kami@db.internal:5433/fleet?sslmode=require", "postgresql://kami@db.internal:5433/fleet")]
    public void Parse_Valid_DisplayHasNoPassword(string uri, string display)
    {
        var parsed = PostgresUri.Parse(uri);
        Assert.Equal(display, parsed.Display);
        Assert.True(PostgresUri.IsUri(uri));
    }

    [Theory]
    [InlineData("postgresql://db.internal/fleet", "no user")]
    [InlineData("postgresql://kami:" + Secret + "@db.internal/", "no database")]
    [InlineData("postgresql://kami:" + Secret + "@db.internal/fleet?password=x", "'password' is not supported")]
    [InlineData("postgresql://kami:" + Secret + "@/fleet", "not a URI")]
    public void Parse_Invalid_SaysWhatWithoutThePassword(string uri, string why)
    {
        var e = Assert.Throws<KamiException>(() => PostgresUri.Parse(uri));
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain(Secret, PostgresUri.Redacted(uri), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NothingListening_OneLineSayingSoWithoutThePassword()
    {
        var port = FreePort();
        var e = Assert.Throws<KamiException>(() => new PostgresToolRegistry(PostgresUri.Parse($"postgresql://kami:{Secret}@127.0.0.1:{port}/kami"), _temp.Path));
        Assert.Equal(ErrorKind.RegistryUnavailable, e.Kind);
        Assert.Contains("cannot be reached", e.Message, StringComparison.Ordinal);
        Assert.Contains($"postgresql://kami@127.0.0.1:{port}/kami", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Open_UnknownUser_LoginRefusedWithWhatToDo()
    {
        var server = new Uri(PostgresServer.Instance.Uri);
        var e = Assert.Throws<KamiException>(() => new PostgresToolRegistry(PostgresUri.Parse($"postgresql://nobody:{Secret}@127.0.0.1:{server.Port}/kami"), _temp.Path));
        Assert.Contains("refused the login", e.Message, StringComparison.Ordinal);
        Assert.Contains("PGPASSWORD", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingDatabase_SaysSo()
    {
        var server = new Uri(PostgresServer.Instance.Uri);
        var e = Assert.Throws<KamiException>(() => new PostgresToolRegistry(PostgresUri.Parse($"postgresql://kami@127.0.0.1:{server.Port}/no_such_db"), _temp.Path));
        Assert.Contains("database does not exist", e.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
