namespace Kami.Core.Trust;

/// <summary>The trusted signers, kept next to the tools so every process (and <c>kami serve</c>) sees one list.</summary>
public interface ITrustStore
{
    /// <summary>Every trusted signer, sorted by name.</summary>
    IReadOnlyList<TrustedSigner> ListSigners();

    /// <summary>Adds or renames; returns false when a different key already has the name.</summary>
    bool AddSigner(TrustedSigner signer);

    /// <summary>Removes by key or by name; returns what was removed.</summary>
    TrustedSigner? RemoveSigner(string keyOrName);

    /// <summary>Whether the public key (hex, any case) is one of the trusted signers.</summary>
    bool IsTrusted(string publicKey);
}
