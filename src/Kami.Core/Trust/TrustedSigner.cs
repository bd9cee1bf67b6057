namespace Kami.Core.Trust;

/// <summary>A public key (64 lowercase hex) whose signatures the operator accepts, and the name they gave it.</summary>
public sealed record TrustedSigner(string PublicKey, string Name, DateTimeOffset AddedAt);
