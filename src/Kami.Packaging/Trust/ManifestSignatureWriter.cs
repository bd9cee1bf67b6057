using Kami.Core.Trust;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Kami.Packaging.Trust;

/// <summary>
/// Records a signature in tool.toml's <c>[tool]</c> table as the Rust KAMI writes it (<c>signature</c>,
/// <c>signer_public_key</c>), plus KAMI's <c>manifest_signature</c> when there is one, replacing earlier ones and
/// leaving every other line as the author wrote it (none of these keys is part of what the manifest signature covers).
/// </summary>
public static class ManifestSignatureWriter
{
    /// <summary>The text of <paramref name="toml"/> with <paramref name="signature"/> recorded in its <c>[tool]</c> table.</summary>
    public static string With(string toml, ToolSignature signature)
    {
        var document = SyntaxParser.Parse(toml, "tool.toml", true);
        var tool = document.Tables.OfType<TableSyntax>().FirstOrDefault(t => t.Name is not null && Manifest.TomlValues.KeyName(t.Name) == "tool")
            ?? throw new InvalidOperationException("tool.toml has no [tool] table");
        var drop = new HashSet<int>();
        foreach (var item in tool.Items.OfType<KeyValueSyntax>())
        {
            var key = item.Key is null ? null : Manifest.TomlValues.KeyName(item.Key);
            if (key is "signature" or "signer_public_key" or "manifest_signature") drop.Add(item.Span.Start.Line);
        }
        var header = tool.Span.Start.Line;
        var newline = toml.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = toml.Split('\n');
        var result = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (drop.Contains(i)) continue;
            result.Add(lines[i].TrimEnd('\r'));
            if (i == header)
            {
                result.Add($"signature = \"{signature.Signature}\"");
                result.Add($"signer_public_key = \"{signature.SignerPublicKey}\"");
                if (signature.ManifestSignature is { } manifestSignature) result.Add($"manifest_signature = \"{manifestSignature}\"");
            }
        }
        return string.Join(newline, result);
    }
}
