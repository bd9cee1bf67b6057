using Kami.Core.Hosting;
using System.IO.Compression;
using Kami.Core.Errors;

namespace Kami.Packaging.Packages;

/// <summary>
/// Extracts an untrusted zip: refuses entries that would land outside the target (zip-slip), links,
/// too many entries, and anything that expands past the limits. Sizes are counted while copying, because
/// the sizes a zip declares are attacker-controlled.
/// </summary>
internal static class SafeZipExtractor
{
    public static void Extract(string zipPath, string targetDirectory, ZipLimits limits)
    {
        var zipName = Path.GetFileName(zipPath);
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException e)
        {
            throw new KamiException(ErrorKind.PackageInvalid, $"{zipName} is not a valid zip archive ({e.Message})");
        }

        using (archive)
        {
            if (archive.Entries.Count > limits.MaxEntries)
                throw Invalid(zipName, $"has {archive.Entries.Count} entries; a package may have at most {limits.MaxEntries}");

            var root = Path.GetFullPath(targetDirectory) + Path.DirectorySeparatorChar;
            Directory.CreateDirectory(root);
            long total = 0;
            // Case-insensitive so a package extracts the same on every file system.
            var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in archive.Entries)
            {
                var destination = ResolveDestination(zipName, root, entry);
                if (destination is null) continue;
                try
                {
                    if (entry.FullName.EndsWith('/'))
                    {
                        Directory.CreateDirectory(destination);
                        continue;
                    }
                    if (!files.Add(destination))
                        throw Invalid(zipName, $"entry '{entry.FullName}' appears more than once");
                    if (entry.Length > limits.MaxEntryBytes)
                        throw Invalid(zipName, $"entry '{entry.FullName}' expands to {entry.Length} bytes; at most {limits.MaxEntryBytes} are allowed");
                    if (entry.CompressedLength > 0 && entry.Length > 1 << 20 && entry.Length / entry.CompressedLength > limits.MaxCompressionRatio)
                        throw Invalid(zipName, $"entry '{entry.FullName}' has a compression ratio above {limits.MaxCompressionRatio}:1 (a zip bomb?)");

                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    total += CopyBounded(zipName, entry, destination, limits, total);
                }
                // A damaged entry, or one whose path collides with another (a file "x" and an entry "x/y").
                catch (InvalidDataException e)
                {
                    throw Invalid(zipName, $"entry '{entry.FullName}' is corrupt ({e.Message})");
                }
                catch (IOException)
                {
                    throw Invalid(zipName, $"entry '{entry.FullName}' collides with another entry or could not be written");
                }
            }
        }
    }

    private static string? ResolveDestination(string zipName, string root, ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        if (name.Length == 0) return null;
        if (name.Contains('\\') || name.StartsWith('/') || name.Contains(':') || name.Contains('\0'))
            throw Invalid(zipName, $"entry '{name}' has an absolute or non-portable path; entries must be relative paths using '/'");
        if (name.TrimEnd('/').Split('/').Any(segment => segment is ".." or "." or ""))
            throw Invalid(zipName, $"entry '{name}' contains '..' or an empty path segment and could escape the package directory");

        // Unix mode lives in the high 16 bits of the external attributes; 0xA000 marks a symbolic link.
        var unixMode = (entry.ExternalAttributes >> 16) & 0xF000;
        if (unixMode == 0xA000)
            throw Invalid(zipName, $"entry '{name}' is a symbolic link; packages may hold only regular files");

        var destination = Path.GetFullPath(Path.Combine(root, name));
        if (!PathContainment.IsInside(root, destination))
            throw Invalid(zipName, $"entry '{name}' would be written outside the package directory");
        return destination;
    }

    private static long CopyBounded(string zipName, ZipArchiveEntry entry, string destination, ZipLimits limits, long totalSoFar)
    {
        using var input = entry.Open();
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
        var buffer = new byte[81920];
        long written = 0;
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            written += read;
            if (written > limits.MaxEntryBytes)
                throw Invalid(zipName, $"entry '{entry.FullName}' expands past {limits.MaxEntryBytes} bytes (a zip bomb?)");
            if (totalSoFar + written > limits.MaxTotalBytes)
                throw Invalid(zipName, $"expands past {limits.MaxTotalBytes} bytes in total (a zip bomb?)");
            output.Write(buffer, 0, read);
        }
        return written;
    }

    private static KamiException Invalid(string zipName, string message) =>
        new(ErrorKind.PackageInvalid, $"{zipName}: {message}; the package was not installed");
}
