using System.Security.Cryptography;
using System.Text;
using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Mcp.Tools;

/// <summary>
/// Maps tool ids to MCP tool names. The underscore style is reversible: '_' becomes "__" and '.' becomes '_'
/// (so <c>dev.kami.hash-compute</c> is <c>dev_kami_hash-compute</c>); names longer than 64 characters keep a
/// prefix and a hash suffix, and are resolved through the catalog's name table.
/// </summary>
public static class ToolNaming
{
    public const int MaxUnderscoreNameLength = 64;

    public static ToolNameStyle ParseStyle(string text) => text.Trim().ToLowerInvariant() switch
    {
        "id" or "" => ToolNameStyle.Id,
        "underscore" => ToolNameStyle.Underscore,
        _ => throw new KamiException(ErrorKind.InvalidInput, $"tool_names = \"{text}\" is not one of id, underscore"),
    };

    public static string NameOf(ToolId id, ToolNameStyle style)
    {
        if (style == ToolNameStyle.Id) return id.Value;
        var name = id.Value.Replace("_", "__", StringComparison.Ordinal).Replace('.', '_');
        if (name.Length <= MaxUnderscoreNameLength) return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id.Value)))[..8];
        return name[..(MaxUnderscoreNameLength - 9)] + "-" + hash;
    }

    /// <summary>The id a short underscore name stands for (not for hash-shortened names).</summary>
    public static string IdOf(string underscoreName)
    {
        var builder = new StringBuilder(underscoreName.Length);
        for (var i = 0; i < underscoreName.Length; i++)
        {
            if (underscoreName[i] != '_') builder.Append(underscoreName[i]);
            else if (i + 1 < underscoreName.Length && underscoreName[i + 1] == '_') { builder.Append('_'); i++; }
            else builder.Append('.');
        }
        return builder.ToString();
    }
}
