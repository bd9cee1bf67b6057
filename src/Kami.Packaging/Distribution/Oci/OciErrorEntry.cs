namespace Kami.Packaging.Distribution.Oci;

/// <summary>One entry of <see cref="OciErrorBody"/>.</summary>
internal sealed record OciErrorEntry(string? Code);
