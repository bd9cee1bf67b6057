using System.Text.Json;
using Kami.Core.Tools;

namespace Kami.Mcp.Tools;

/// <summary>
/// A quick yes for arguments that plainly fit a manifest's <c>[[mcp.arguments]]</c> (every required one present,
/// each of its declared JSON type, no unknown ones unless allowed), checked on the SDK's dictionary without
/// parsing anything. It never says yes to arguments the JSON Schema would refuse; anything it is unsure of
/// (an integer written as 2.0, say) gets no, and <see cref="ArgumentValidator"/> decides and explains.
/// </summary>
internal sealed class ArgumentFastCheck(ToolManifest manifest)
{
    private readonly Dictionary<string, ArgumentType> _types = manifest.Arguments.ToDictionary(a => a.Name, a => a.Type, StringComparer.Ordinal);
    private readonly string[] _required = [.. manifest.Arguments.Where(a => a.Required).Select(a => a.Name)];
    private readonly bool _allowsOthers = manifest.AllowsAdditionalArguments;

    public bool SurelyValid(IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null) return _required.Length == 0;
        foreach (var name in _required)
        {
            if (!arguments.ContainsKey(name)) return false;
        }
        foreach (var (name, value) in arguments)
        {
            if (_types.TryGetValue(name, out var type))
            {
                if (!Fits(type, value)) return false;
            }
            else if (!_allowsOthers)
            {
                return false;
            }
        }
        return true;
    }

    private static bool Fits(ArgumentType type, JsonElement value) => type switch
    {
        ArgumentType.String => value.ValueKind == JsonValueKind.String,
        ArgumentType.Number => value.ValueKind == JsonValueKind.Number,
        ArgumentType.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        ArgumentType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        ArgumentType.Object => value.ValueKind == JsonValueKind.Object,
        ArgumentType.Array => value.ValueKind == JsonValueKind.Array,
        _ => false,
    };
}
