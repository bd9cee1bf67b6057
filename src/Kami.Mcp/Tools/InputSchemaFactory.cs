using System.Text.Json;
using Kami.Core.Tools;

namespace Kami.Mcp.Tools;

/// <summary>Builds a tool's MCP <c>inputSchema</c> (JSON Schema) from its <c>[[mcp.arguments]]</c>.</summary>
internal static class InputSchemaFactory
{
    public static JsonElement Create(ToolManifest manifest)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            foreach (var argument in manifest.Arguments)
            {
                json.WriteStartObject(argument.Name);
                json.WriteString("type", argument.Type.ToSchemaName());
                if (argument.Description.Length > 0) json.WriteString("description", argument.Description);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            var required = manifest.Arguments.Where(a => a.Required).ToList();
            if (required.Count > 0)
            {
                json.WriteStartArray("required");
                foreach (var argument in required) json.WriteStringValue(argument.Name);
                json.WriteEndArray();
            }
            json.WriteBoolean("additionalProperties", manifest.AllowsAdditionalArguments);
            json.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
