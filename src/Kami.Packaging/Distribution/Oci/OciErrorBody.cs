namespace Kami.Packaging.Distribution.Oci;

/// <summary>A registry's error body (<c>{"errors":[{"code":"MANIFEST_UNKNOWN","message":…}]}</c>); KAMI shows the codes only.</summary>
internal sealed record OciErrorBody(IReadOnlyList<OciErrorEntry>? Errors);
