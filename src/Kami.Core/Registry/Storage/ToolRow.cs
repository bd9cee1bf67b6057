using System.Data;
using System.Globalization;

namespace Kami.Core.Registry.Storage;

/// <summary>
/// An installed tool as a row of <c>tools</c> (and <c>previous_tools</c>): the one mapping both adapters use
/// (columns, values in that order, the record read back). Adapters say how the install path is stored.
/// </summary>
internal static class ToolRow
{
    /// <summary>The columns, in the order of <see cref="Values"/> and of what <see cref="Read"/> expects.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "name", "version", "description", "manifest_json", "wasm_sha256", "install_path", "enabled", "installed_at", "source",
        "signature", "signer_public_key", "pinned", "manifest_signature",
    ];

    /// <summary>The columns as a SQL list.</summary>
    public static string ColumnList { get; } = string.Join(", ", Columns);

    /// <summary>The tool's values, one per column (null as <see cref="DBNull"/>), with the install path as the adapter stores it.</summary>
    public static object[] Values(InstalledTool tool, string storedInstallPath)
    {
        var m = tool.Manifest;
        return
        [
            m.Id.Value, m.Name, m.Version.ToString(), m.Description, ManifestMapping.ToJson(m), tool.WasmSha256, storedInstallPath, tool.Enabled,
            tool.InstalledAt.ToString("O", CultureInfo.InvariantCulture), tool.Source,
            (object?)tool.Signature ?? DBNull.Value, (object?)tool.SignerPublicKey ?? DBNull.Value, tool.Pinned, (object?)tool.ManifestSignature ?? DBNull.Value,
        ];
    }

    /// <summary>The tool in <paramref name="r"/>, its stored install path turned into this machine's by <paramref name="installPath"/>.</summary>
    public static InstalledTool Read(IDataRecord r, Func<string, string> installPath) =>
        new(ManifestMapping.FromJson(r.GetString(4)), r.GetString(5), installPath(r.GetString(6)), r.GetBoolean(7),
            DateTimeOffset.Parse(r.GetString(8), CultureInfo.InvariantCulture), r.GetString(9))
        {
            Signature = r.IsDBNull(10) ? null : r.GetString(10),
            SignerPublicKey = r.IsDBNull(11) ? null : r.GetString(11),
            Pinned = r.GetBoolean(12),
            ManifestSignature = r.IsDBNull(13) ? null : r.GetString(13),
        };
}
