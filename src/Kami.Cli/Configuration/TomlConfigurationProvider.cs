using Kami.Core.Errors;
using Microsoft.Extensions.Configuration;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Kami.Cli.Configuration;

/// <summary>Reads <c>$KAMI_HOME/config.toml</c> (top-level keys) into configuration, through Tomlyn's syntax tree.</summary>
internal sealed class TomlConfigurationProvider(string file) : ConfigurationProvider
{
    public string File { get; } = file;

    public override void Load()
    {
        Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!System.IO.File.Exists(File)) return;
        var document = SyntaxParser.Parse(System.IO.File.ReadAllText(File), File, true);
        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            throw new KamiException(ErrorKind.InvalidInput, $"{File}:{first.Span.Start.Line + 1}: invalid TOML: {first.Message}");
        }
        foreach (var kv in document.KeyValues)
        {
            if (kv.Key is null) continue;
            var key = kv.Key.ToString().Trim();
            Data[key] = kv.Value switch
            {
                StringValueSyntax s => s.Value,
                IntegerValueSyntax i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                BooleanValueSyntax b => b.Value ? "true" : "false",
                ArraySyntax a => string.Join(',', a.Items.Select(item => item.Value is StringValueSyntax sv ? sv.Value : item.Value?.ToString()?.Trim())),
                _ => kv.Value?.ToString()?.Trim(),
            };
        }
    }
}

internal sealed class TomlConfigurationSource(string file) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new TomlConfigurationProvider(file);
}
