namespace Kami.Core.Trust;

/// <summary>What a tool's signature vouches for.</summary>
public enum SignatureScope
{
    /// <summary>The .wasm bytes only (the Rust KAMI's signature): the manifest's id, version, grants and limits are not covered.</summary>
    CodeOnly,
    /// <summary>The .wasm bytes and every manifest field that decides identity or power (<see cref="ManifestStatement"/>).</summary>
    CodeAndManifest,
}

/// <summary>The names of <see cref="SignatureScope"/> in JSON output and messages.</summary>
public static class SignatureScopeNames
{
    /// <summary><c>code-only</c> or <c>code-and-manifest</c>.</summary>
    public static string ToName(this SignatureScope scope) => scope == SignatureScope.CodeOnly ? "code-only" : "code-and-manifest";
}
