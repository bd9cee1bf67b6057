using System.Text.Json.Serialization;
using Kami.Core.Registry;

namespace Kami.Core.Registry.Storage;

/// <summary>The per-request hops of a call, as the <c>calls.http</c> column stores them (source-generated: NativeAOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<HttpRequestRecord>))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
