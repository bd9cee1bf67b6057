using System.Text.Json.Serialization;

namespace Kami.Packaging.Distribution;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(List<IndexEntry>))]
internal sealed partial class IndexJsonContext : JsonSerializerContext;
