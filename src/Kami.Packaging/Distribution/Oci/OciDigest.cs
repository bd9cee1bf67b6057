using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>OCI content digests, sha256 only: the one algorithm every registry and wkg use.</summary>
internal static partial class OciDigest
{
    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex Sha256();

    /// <summary>Whether <paramref name="digest"/> is <c>sha256:</c> and 64 lowercase hex characters.</summary>
    public static bool IsSha256(string? digest) => digest is not null && Sha256().IsMatch(digest);

    /// <summary>The digest of <paramref name="bytes"/>.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The digest an incremental SHA-256 arrived at.</summary>
    public static string Of(IncrementalHash hash) => "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
}
