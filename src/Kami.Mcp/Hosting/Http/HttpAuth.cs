using Kami.Core.Errors;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// Decides the bearer token of <c>kami serve --http</c> (and of the client snippet <c>kami mcp-config --http</c>
/// writes): <c>--token-file</c>, else <c>token_file</c>, else <c>KAMI_TOKEN</c>, else <c>$KAMI_HOME/token</c>, created
/// on first use. Every source is held to <see cref="BearerToken.MinLength"/>. <c>--no-auth</c> is the only way to serve
/// without a token, and only on loopback (checked by <see cref="HttpServer"/>, which knows the address).
/// </summary>
public sealed record HttpAuth(string? Token, string? Notice)
{
    /// <param name="flagFile"><c>--token-file</c>.</param>
    /// <param name="settingFile"><c>token_file</c> from config.toml or KAMI_TOKEN_FILE, and where it was set.</param>
    /// <param name="settingToken"><c>token</c> (KAMI_TOKEN), and where it was set.</param>
    /// <param name="home">The KAMI home, where the default token file is.</param>
    /// <param name="noAuth"><c>--no-auth</c>: serve without a token; refused when any token source is also given.</param>
    /// <param name="createDefault">Whether to create <c>$KAMI_HOME/token</c> when no other source gives one.</param>
    public static HttpAuth Resolve(string? flagFile, (string? Value, string Source) settingFile, (string? Value, string Source) settingToken,
        string home, bool noAuth, bool createDefault)
    {
        string? token = null;
        string? from = null;
        if (flagFile is not null) (token, from) = (TokenFile.ReadChecked(Expand(flagFile), flagFile), $"--token-file {flagFile}");
        else if (settingFile.Value is not null) (token, from) = (TokenFile.ReadChecked(Expand(settingFile.Value), settingFile.Value), $"token_file ({settingFile.Source})");
        else if (settingToken.Value is not null) (token, from) = (BearerToken.Check(settingToken.Value, settingToken.Source), settingToken.Source);

        if (noAuth)
        {
            if (from is not null)
                throw new KamiException(ErrorKind.InvalidInput, $"--no-auth and a token from {from} were both given; drop --no-auth to require the token, or unset the token");
            return new HttpAuth(null, "no bearer token (--no-auth): any local user can call the tools");
        }
        if (token is not null) return new HttpAuth(token, $"bearer token required (from {from})");
        if (TokenFile.Read(home, createDefault) is not { } created) return new HttpAuth(null, null);
        return new HttpAuth(created.Token, created.Created
            ? $"bearer token required; created one in {created.Path} (0600): clients send Authorization: Bearer <its contents>, and `kami mcp-config --http` includes it"
            : $"bearer token required (from {created.Path})");
    }

    private static string Expand(string file) => file.StartsWith("~/", StringComparison.Ordinal)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), file[2..]) : file;
}
