using System.Security.Cryptography;
using Kami.Core.Errors;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// The token <c>kami serve --http</c> uses when none is configured: <c>$KAMI_HOME/token</c>, 32 random bytes in hex,
/// created once (0600, written to a private temporary file and moved into place, so no reader ever sees half of
/// it and two servers starting at once agree on one) and read again after.
/// </summary>
public static class TokenFile
{
    /// <summary>The default token file's name in the KAMI home.</summary>
    public const string Name = "token";

    /// <summary>Where the default token file is (or would be) under <paramref name="home"/>.</summary>
    public static string PathIn(string home) => Path.Combine(home, Name);

    /// <summary>The token in <c>$KAMI_HOME/token</c>, made first when <paramref name="create"/> and there is none; null when absent and not created.</summary>
    public static (string Token, string Path, bool Created)? Read(string home, bool create)
    {
        var path = PathIn(home);
        if (File.Exists(path)) return (ReadChecked(path), path, false);
        if (!create) return null;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(home);
        else Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = Path.Combine(home, $".token-{Guid.NewGuid():n}.tmp");
        try
        {
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, fileOptions))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n");
            }
            File.Move(temporary, path, overwrite: false);
            return (ReadChecked(path), path, true);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use that one.
            return (ReadChecked(path), path, false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads and checks the token in any file (<c>--token-file</c>, <c>token_file</c> or the default one).</summary>
    public static string ReadChecked(string path, string? shownAs = null)
    {
        var source = "token file " + (shownAs ?? path);
        if (!File.Exists(path))
            throw new KamiException(ErrorKind.InvalidInput, $"{source} does not exist; create it with a long random secret (e.g. openssl rand -hex 32 > {shownAs ?? path})");
        return BearerToken.Check(File.ReadAllText(path), source);
    }
}
