using System.Text.Json;
using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Packaging.Distribution;

/// <summary>
/// A parsed index: the entries that make sense (a valid id and version, an http(s) download URL), and how many
/// did not. Search ranks by id, then name, then description; install picks the newest version unless told which.
/// </summary>
public sealed class RegistryIndex
{
    private RegistryIndex(IReadOnlyList<IndexEntry> entries, int skipped)
    {
        Entries = entries;
        Skipped = skipped;
    }

    /// <summary>The usable entries, in the order the index lists them.</summary>
    public IReadOnlyList<IndexEntry> Entries { get; }

    /// <summary>Entries left out because they were malformed.</summary>
    public int Skipped { get; }

    /// <summary>Parses the Rust KAMI's index JSON; <paramref name="where"/> names its source in errors. Throws a <see cref="Kami.Core.Errors.KamiException"/> when it is not an index.</summary>
    public static RegistryIndex Parse(string json, string where)
    {
        List<IndexEntry>? raw;
        try
        {
            raw = JsonSerializer.Deserialize(json, IndexJsonContext.Default.ListIndexEntry);
        }
        catch (JsonException e)
        {
            throw new KamiException(ErrorKind.InvalidInput, $"the index at {where} is not a JSON array of packages: {e.Message}");
        }
        var entries = new List<IndexEntry>();
        var skipped = 0;
        foreach (var entry in raw ?? [])
        {
            if (entry is null || string.IsNullOrEmpty(entry.Id) || !ToolId.TryParse(entry.Id, out _, out _) || !ToolVersion.TryParse(entry.Version ?? "", out _, out _)
                || !Uri.TryCreate(entry.DownloadUrl, UriKind.Absolute, out _))
            {
                skipped++;
                continue;
            }
            entries.Add(entry);
        }
        return new RegistryIndex(entries, skipped);
    }

    /// <summary>Entries matching <paramref name="query"/> (case-insensitive), ranked id, then name, then description matches.</summary>
    public IReadOnlyList<IndexEntry> Search(string query)
    {
        var q = query.Trim();
        int Rank(IndexEntry e) =>
            e.Id.Equals(q, StringComparison.OrdinalIgnoreCase) ? 0
            : e.Id.Contains(q, StringComparison.OrdinalIgnoreCase) ? 1
            : (e.Name ?? "").Contains(q, StringComparison.OrdinalIgnoreCase) ? 2
            : (e.Description ?? "").Contains(q, StringComparison.OrdinalIgnoreCase) ? 3
            : int.MaxValue;
        return [.. Newest().Select(e => (Entry: e, Rank: Rank(e))).Where(x => x.Rank != int.MaxValue)
            .OrderBy(x => x.Rank).ThenBy(x => x.Entry.Id, StringComparer.OrdinalIgnoreCase).Select(x => x.Entry)];
    }

    /// <summary>The entry for <paramref name="id"/> at <paramref name="version"/>, or its newest; null when the index has none.</summary>
    public IndexEntry? Find(ToolId id, ToolVersion? version) =>
        Entries.Where(e => e.Id.Equals(id.Value, StringComparison.OrdinalIgnoreCase) && (version is null || VersionOf(e) == version))
            .OrderByDescending(VersionOf).FirstOrDefault();

    /// <summary>The entry's version, parsed (entries with an invalid version never get this far).</summary>
    public static ToolVersion VersionOf(IndexEntry entry) => ToolVersion.Parse(entry.Version);

    private IEnumerable<IndexEntry> Newest() =>
        Entries.GroupBy(e => e.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.OrderByDescending(VersionOf).First());
}
