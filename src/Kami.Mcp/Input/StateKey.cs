using System.Security.Cryptography;

namespace Kami.Mcp.Input;

/// <summary>
/// The key that seals request state: 32 random bytes, base64, in a file (the <c>state_key_file</c> setting). Made on
/// first use, readable by its owner only, when the file does not exist. Every replica of a fleet must read the same
/// key (mount one Secret) so that any replica takes a retry; a replica with another key refuses the state, never
/// trusts it.
/// </summary>
internal static class StateKey
{
    public const int Bytes = 32;
    public const string DefaultFileName = "state.key";

    public static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path)) TryCreate(path);
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Kami.Core.Errors.KamiException(Kami.Core.Errors.ErrorKind.Internal, $"cannot read the request-state key {path}: {e.Message}");
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new Kami.Core.Errors.KamiException(Kami.Core.Errors.ErrorKind.Internal, $"the request-state key {path} is not base64; write {Bytes} random bytes as base64 there (e.g. `head -c {Bytes} /dev/urandom | base64`), or delete it to have a new one made");
        }
        if (key.Length != Bytes) throw new Kami.Core.Errors.KamiException(Kami.Core.Errors.ErrorKind.Internal, $"the request-state key {path} holds {key.Length} bytes; it must hold {Bytes}");
        return key;
    }

    private static void TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made it first: read theirs.
        }
    }
}
