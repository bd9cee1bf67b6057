using Kami.Core.Errors;

namespace Kami.Core.Identity;

/// <summary>
/// A named client's name: 1-64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit. It appears in
/// the audit log, in commands and in messages, so nothing a terminal or a log reader would reinterpret is allowed.
/// "operator" is reserved for the server token.
/// </summary>
public static class ClientName
{
    /// <summary>The longest name allowed.</summary>
    public const int MaxLength = 64;

    /// <summary>The name audit records give the server token's caller.</summary>
    public const string Operator = "operator";

    /// <summary>The name, trimmed, or a <see cref="KamiException"/> (<see cref="ErrorKind.InvalidInput"/>) saying what is wrong.</summary>
    public static string Check(string? text)
    {
        var name = text?.Trim() ?? "";
        if (name.Length == 0) throw Invalid("a client name is required, e.g. `kami client add ci-bot --tools 'dev.kami.*'`");
        if (name.Length > MaxLength) throw Invalid($"client name '{name[..MaxLength]}…' is {name.Length} characters; at most {MaxLength} are allowed");
        if (!char.IsAsciiLetterOrDigit(name[0])) throw Invalid($"client name '{name}' must start with a letter or digit");
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                throw Invalid($"client name '{name}' contains '{(char.IsControl(c) || char.IsWhiteSpace(c) ? $"\\u{(int)c:x4}" : c.ToString())}'; only letters, digits, '-', '_' and '.' are allowed");
        }
        if (name.Equals(Operator, StringComparison.OrdinalIgnoreCase))
            throw Invalid($"'{Operator}' is the name of the server token's caller; choose another client name");
        return name;
    }

    private static KamiException Invalid(string message) => new(ErrorKind.InvalidInput, message);
}
