using System.Text;
using System.Text.Json;
using Kami.Runtime.Contracts;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>
/// What a guest's input request must be before the host passes it to the client: a plain key (keys starting with
/// <c>kami</c> are the host's own, e.g. an approval), one of MCP's three input methods, and params that are one
/// bounded JSON object. The wording is what the guest gets back as the error.
/// </summary>
internal static class InputRules
{
    public const int MaxKeyChars = 64;
    public const int MaxParamsBytes = 64 * 1024;
    public const int MaxKeptBytes = 16 * 1024;

    public static IReadOnlySet<string> Methods { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "elicitation/create", "sampling/createMessage", "roots/list",
    };

    public static string? KeyRefusal(string key)
    {
        if (key.Length is 0 or > MaxKeyChars) return $"an input request's key must be 1 to {MaxKeyChars} characters";
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')) return $"an input request's key may hold only letters, digits, '_', '-' and '.' (got \"{Shown(key)}\")";
        }
        return InputSession.IsHostKey(key) ? $"input request keys starting with \"{InputSession.HostKeyPrefix}\" are the host's own" : null;
    }

    public static string? MethodRefusal(string method) =>
        Methods.Contains(method) ? null : $"\"{Shown(method)}\" is not an input method; use elicitation/create, sampling/createMessage or roots/list";

    public static string? ParamsRefusal(string json)
    {
        if (Encoding.UTF8.GetByteCount(json) > MaxParamsBytes) return $"an input request's params may be at most {MaxParamsBytes / 1024} KiB";
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : "an input request's params must be a JSON object";
        }
        catch (JsonException)
        {
            return "an input request's params are not valid JSON";
        }
    }

    public static string? KeptRefusal(string state) =>
        Encoding.UTF8.GetByteCount(state) > MaxKeptBytes ? $"the state a tool keeps between rounds may be at most {MaxKeptBytes / 1024} KiB" : null;

    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
