namespace Kami.Packaging.Distribution.Oci;

/// <summary>An OCI content descriptor: what a blob is, its digest and its size.</summary>
internal sealed record OciDescriptor(string? MediaType, string? Digest, long Size, Dictionary<string, string>? Annotations = null);
