namespace Kami.Packaging.Distribution.Oci;

/// <summary>A token service's answer (Docker token spec): <c>token</c>, or <c>access_token</c> from OAuth2-style services.</summary>
internal sealed record TokenResponse(string? Token, [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string? AccessToken);
