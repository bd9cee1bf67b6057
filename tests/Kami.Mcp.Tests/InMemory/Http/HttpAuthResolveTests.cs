using Kami.Core.Errors;
using Kami.Mcp.Hosting.Http;
using Kami.TestCommon;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>Where the HTTP bearer token comes from (<see cref="HttpAuth.Resolve"/>): made once in $KAMI_HOME/token, or a configured source held to 32 characters.</summary>
public sealed class HttpAuthResolveTests : IDisposable
{
    private static readonly (string?, string) None = (null, "default");
    private readonly TempDirectory _dir = new();

    private string Home => _dir.Combine("home");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Resolve_NoSourceGiven_CreatesPrivateTokenOnceThenReusesIt()
    {
        var tokenPath = Path.Combine(Home, "token");

        var created = HttpAuth.Resolve(null, None, None, Home, noAuth: false, createDefault: true);

        Assert.Equal(created.Token, File.ReadAllText(tokenPath).Trim());
        Assert.Matches("^[0-9a-f]{64}$", created.Token);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenPath));
        Assert.Contains($"created one in {tokenPath} (0600)", created.Notice, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Token!, created.Notice, StringComparison.Ordinal);

        var again = HttpAuth.Resolve(null, None, None, Home, noAuth: false, createDefault: true);

        Assert.Equal(created.Token, again.Token);
        Assert.Equal($"bearer token required (from {tokenPath})", again.Notice);
    }

    [Fact]
    public void Resolve_NoAuth_NoTokenAndNoFileMade()
    {
        var auth = HttpAuth.Resolve(null, None, None, Home, noAuth: true, createDefault: true);

        Assert.Null(auth.Token);
        Assert.Contains("--no-auth", auth.Notice, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Home, "token")));
    }

    [Fact]
    public void Resolve_NoAuthWithATokenSource_IsRefused()
    {
        var error = Assert.Throws<KamiException>(() =>
            HttpAuth.Resolve(null, None, (new string('a', 40), "environment (KAMI_TOKEN)"), Home, noAuth: true, createDefault: true));

        Assert.Contains("--no-auth and a token from environment (KAMI_TOKEN) were both given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TokenFileFlag_UsedAndNamedInTheNotice()
    {
        var file = _dir.Combine("token-file");
        File.WriteAllText(file, InMemoryHttpKami.Token + "\n");

        var auth = HttpAuth.Resolve(file, None, None, Home, noAuth: false, createDefault: true);

        Assert.Equal(InMemoryHttpKami.Token, auth.Token);
        Assert.Equal($"bearer token required (from --token-file {file})", auth.Notice);
        Assert.False(File.Exists(Path.Combine(Home, "token")));
    }

    [Fact]
    public void Resolve_ShortOrMissingTokenFile_IsRefused()
    {
        var shortFile = _dir.Combine("short-token");
        File.WriteAllText(shortFile, "tooshort");

        var tooShort = Assert.Throws<KamiException>(() => HttpAuth.Resolve(shortFile, None, None, Home, noAuth: false, createDefault: true));
        var missing = Assert.Throws<KamiException>(() => HttpAuth.Resolve(Home + "/nope", None, None, Home, noAuth: false, createDefault: true));

        Assert.Contains($"the bearer token from token file {shortFile} is 8 characters; at least 32", tooShort.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ShortTokenSetting_RefusedNamingItsSource()
    {
        var error = Assert.Throws<KamiException>(() =>
            HttpAuth.Resolve(null, None, ("x", "environment (KAMI_TOKEN)"), Home, noAuth: false, createDefault: true));

        Assert.Contains("the bearer token from environment (KAMI_TOKEN) is 1 characters; at least 32", error.Message, StringComparison.Ordinal);
    }
}
