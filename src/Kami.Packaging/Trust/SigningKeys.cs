using Kami.Core.Errors;
using Kami.Core.Hosting;

namespace Kami.Packaging.Trust;

/// <summary>
/// The operator's own Ed25519 key pair in <c>$KAMI_HOME/keys</c> (directory 0700, secret key 0600), as lowercase hex
/// of the raw bytes (docs/compatibility.md), so a key made by the Rust KAMI can be dropped in and used as it is.
/// </summary>
public sealed class SigningKeys(KamiPaths paths)
{
    /// <summary>$KAMI_HOME/keys.</summary>
    public string Directory => Path.Combine(paths.Home, "keys");
    /// <summary>The secret key file (0600).</summary>
    public string SecretKeyFile => Path.Combine(Directory, "signing.key");
    /// <summary>The public key file.</summary>
    public string PublicKeyFile => Path.Combine(Directory, "signing.pub");

    /// <summary>Makes a new pair; refuses to replace one unless <paramref name="force"/>. Returns the public key.</summary>
    public string Generate(bool force)
    {
        if (File.Exists(SecretKeyFile) && !force)
            throw new KamiException(ErrorKind.InvalidInput,
                $"a signing key already exists ({SecretKeyFile}); packages signed with it would no longer match a new one. Use --force to replace it");
        var (secret, @public) = Ed25519Signatures.Generate();
        PrivateFiles.CreateDirectory(Directory);
        var temp = SecretKeyFile + ".tmp";
        PrivateFiles.WriteAllText(temp, secret + "\n");
        File.Move(temp, SecretKeyFile, overwrite: true);
        File.WriteAllText(PublicKeyFile, @public + "\n");
        return @public;
    }

    /// <summary>The secret key hex from <paramref name="file"/>, or from <see cref="SecretKeyFile"/>; a clear error when missing or malformed.</summary>
    public string ReadSecret(string? file = null)
    {
        var path = file ?? SecretKeyFile;
        if (!File.Exists(path))
            throw new KamiException(ErrorKind.InvalidInput, file is null ? "no signing key yet: make one with `kami keygen`" : $"the key file {path} does not exist");
        return File.ReadAllText(path).Trim().ToLowerInvariant();
    }
}
