using System.Text.Json;

namespace Kami.Mcp.Input;

/// <summary>
/// Reads a client's answer to an elicitation (<c>{"action": "accept", "content": {...}}</c>): a field's value counts only
/// when the person accepted; a decline, a cancel or anything malformed gives none.
/// </summary>
internal static class ElicitAnswer
{
    /// <summary>The value the person gave for <paramref name="field"/> in an accepted answer; false otherwise.</summary>
    public static bool TryAccepted(JsonElement answer, string field, out JsonElement value)
    {
        value = default;
        return answer.ValueKind == JsonValueKind.Object
            && answer.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String && action.GetString() == "accept"
            && answer.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
            && content.TryGetProperty(field, out value);
    }
}
