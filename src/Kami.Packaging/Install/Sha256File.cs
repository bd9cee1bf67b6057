using System.Security.Cryptography;

namespace Kami.Packaging.Install;

public static class Sha256File
{
    /// <summary>Lowercase hex SHA-256 of a file's bytes (the integrity pin, as in the Rust KAMI).</summary>
    public static string Compute(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
