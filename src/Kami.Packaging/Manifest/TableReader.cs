using Kami.Core.Errors;
using Tomlyn.Syntax;

namespace Kami.Packaging.Manifest;

/// <summary>
/// Typed access to the key/values of one TOML table, recording a located problem for every missing,
/// mistyped or unknown key instead of stopping at the first.
/// </summary>
internal sealed class TableReader
{
    private readonly Dictionary<string, KeyValueSyntax> _values = new(StringComparer.Ordinal);
    private readonly string _file;
    private readonly string _section;
    private readonly int _line;
    private readonly List<ManifestProblem> _problems;

    public TableReader(string file, string section, int line, IEnumerable<KeyValueSyntax> items, List<ManifestProblem> problems)
    {
        _file = file; _section = section; _line = line; _problems = problems;
        foreach (var item in items)
        {
            if (item.Key is null) continue;
            _values[TomlValues.KeyName(item.Key)] = item;
        }
    }

    public int Line => _line;

    public void WarnUnknown(IReadOnlySet<string> known)
    {
        foreach (var (key, kv) in _values)
        {
            if (!known.Contains(key))
                _problems.Add(ManifestProblem.Warning(_file, TomlValues.LineOf(kv), Field(key),
                    $"unknown key {Field(key)} is ignored (known keys in [{_section}]: {string.Join(", ", known.Order())})"));
        }
    }

    public string Field(string key) => _section.Length == 0 ? key : $"{_section}.{key}";

    public int? LineOf(string key) => _values.TryGetValue(key, out var kv) ? TomlValues.LineOf(kv) : _line;

    public void Error(string key, string message) => _problems.Add(ManifestProblem.Error(_file, LineOf(key), Field(key), message));

    public string? String(string key, bool required)
    {
        if (!_values.TryGetValue(key, out var kv))
        {
            if (required) _problems.Add(ManifestProblem.Error(_file, _line, Field(key), $"[{_section}] is missing required key {key} (a string)"));
            return null;
        }
        if (kv.Value is StringValueSyntax s) return s.Value;
        Mistyped(kv, key, "a string");
        return null;
    }

    public long? Integer(string key, long min, long max)
    {
        if (!_values.TryGetValue(key, out var kv)) return null;
        if (kv.Value is not IntegerValueSyntax i)
        {
            Mistyped(kv, key, "an integer");
            return null;
        }
        if (i.Value < min || i.Value > max)
        {
            _problems.Add(ManifestProblem.Error(_file, TomlValues.LineOf(kv), Field(key),
                $"{Field(key)} = {i.Value} is out of range; allowed {min} to {max}"));
            return null;
        }
        return i.Value;
    }

    public bool? Boolean(string key)
    {
        if (!_values.TryGetValue(key, out var kv)) return null;
        if (kv.Value is BooleanValueSyntax b) return b.Value;
        Mistyped(kv, key, "true or false");
        return null;
    }

    public IReadOnlyList<(string Value, int Line)>? StringArray(string key)
    {
        if (!_values.TryGetValue(key, out var kv)) return null;
        if (kv.Value is not ArraySyntax array)
        {
            Mistyped(kv, key, "an array of strings");
            return null;
        }
        var result = new List<(string, int)>();
        foreach (var item in TomlValues.Items(array))
        {
            if (item is StringValueSyntax s) result.Add((s.Value ?? "", TomlValues.LineOf(item)));
            else _problems.Add(ManifestProblem.Error(_file, TomlValues.LineOf(item), Field(key),
                $"{Field(key)} must hold only strings; found {TomlValues.Describe(item)} {TomlValues.Render(item)}"));
        }
        return result;
    }

    private void Mistyped(KeyValueSyntax kv, string key, string expected) =>
        _problems.Add(ManifestProblem.Error(_file, TomlValues.LineOf(kv), Field(key),
            $"{Field(key)} must be {expected}; found {TomlValues.Describe(kv.Value)} {TomlValues.Render(kv.Value)}".TrimEnd()));
}
