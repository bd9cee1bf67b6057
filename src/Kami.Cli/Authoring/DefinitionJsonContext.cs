using System.Text.Json.Serialization;

namespace Kami.Cli.Authoring;

/// <summary>Source-generated JSON for the authoring commands (NativeAOT: no reflection).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class DefinitionJsonContext : JsonSerializerContext;
