using Kami.Core.Tools;
using Kami.Core.Hosting;
using Kami.Core.Errors;
using Kami.Packaging.Manifest;

namespace Kami.Packaging.Packages;

/// <summary>
/// Reads a tool package from a directory, its tool.toml, or a plugin.zip (extracted safely into a scratch
/// directory the caller owns) and checks it without installing anything.
/// </summary>
public static class PackageReader
{
    /// <summary>What is said of a package path that is not there (by <see cref="Read"/>, and by the command line before it).</summary>
    public static string DoesNotExist(string path) => $"{path} does not exist";

    /// <summary>
    /// Reads the package at <paramref name="path"/>; a zip is extracted into <paramref name="scratchDirectory"/> within <paramref name="zipLimits"/>
    /// (null means <see cref="ZipLimits.Default"/>). Problems in the package come back in the result; a path that is no package, or an unsafe zip, throws <see cref="KamiException"/>.
    /// </summary>
    public static PackageReadResult Read(string path, string scratchDirectory, ZipLimits? zipLimits = null)
    {
        var full = Path.GetFullPath(path);
        string root;
        if (Directory.Exists(full)) root = full;
        else if (File.Exists(full) && Path.GetFileName(full).Equals(ManifestParser.FileName, StringComparison.OrdinalIgnoreCase)) root = Path.GetDirectoryName(full)!;
        else if (File.Exists(full) && full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            SafeZipExtractor.Extract(full, scratchDirectory, zipLimits ?? ZipLimits.Default);
            root = FindManifestRoot(scratchDirectory);
        }
        else if (File.Exists(full))
            throw new KamiException(ErrorKind.InvalidInput, $"{path} is not a package: give a directory holding tool.toml, a tool.toml, or a plugin.zip");
        else
            throw new KamiException(ErrorKind.InvalidInput, DoesNotExist(path));

        return ReadDirectory(root);
    }

    // Zips made by hand often wrap everything in one top-level folder; accept that as well as a flat zip.
    private static string FindManifestRoot(string extracted)
    {
        if (File.Exists(Path.Combine(extracted, ManifestParser.FileName))) return extracted;
        var dirs = Directory.GetDirectories(extracted);
        return dirs.Length == 1 && File.Exists(Path.Combine(dirs[0], ManifestParser.FileName)) ? dirs[0] : extracted;
    }

    private static PackageReadResult ReadDirectory(string root)
    {
        // Checked before anything is read: a link could point the manifest or the component anywhere on the host.
        if (PackageLinks.FindFirst(root) is { } link)
            return Fail(ManifestProblem.Error(link, null, null,
                $"{link} is a symbolic link; packages may hold only regular files and directories: replace the link with a copy of what it points at"));

        var manifestFile = Path.Combine(root, ManifestParser.FileName);
        if (!File.Exists(manifestFile))
            return Fail(ManifestProblem.Error(ManifestParser.FileName, null, null, "the package has no tool.toml at its root; create one (see examples/echo/tool.toml)"));
        if (new FileInfo(manifestFile).Length > ManifestParser.MaxManifestBytes)
            return Fail(ManifestProblem.Error(ManifestParser.FileName, null, null, $"tool.toml is larger than {ManifestParser.MaxManifestBytes} bytes"));

        var text = File.ReadAllText(manifestFile);
        var parsed = ManifestParser.Parse(text);
        var problems = parsed.Problems.ToList();
        var notes = new List<string>();
        if (parsed.Manifest is not { } manifest) return new(null, problems, notes);

        var wasmPath = manifest.WasmPath;
        var wasmFile = Path.Combine(root, wasmPath);
        if (!File.Exists(wasmFile))
        {
            // Rust-KAMI packages keep the build-output path (target/wasm32-wasip2/release/x.wasm) while the
            // zip holds the component at its root: use the one .wasm there is.
            var candidates = Directory.GetFiles(root, "*.wasm", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint });
            if (candidates.Length == 1)
            {
                wasmPath = Path.GetRelativePath(root, candidates[0]).Replace('\\', '/');
                wasmFile = candidates[0];
                notes.Add($"tool.wasm = \"{manifest.WasmPath}\" is not in the package; using its only component, {wasmPath}");
            }
            else
            {
                problems.Add(ManifestProblem.Error(ManifestParser.FileName, null, "tool.wasm", candidates.Length == 0
                    ? $"tool.wasm = \"{manifest.WasmPath}\" does not exist and the package holds no .wasm file; build the tool first"
                    : $"tool.wasm = \"{manifest.WasmPath}\" does not exist and the package holds {candidates.Length} .wasm files, so KAMI cannot tell which to use"));
                return new(null, problems, notes);
            }
        }

        if (IsLink(wasmFile) || !PathContainment.IsInside(root, wasmFile))
        {
            problems.Add(ManifestProblem.Error(ManifestParser.FileName, null, "tool.wasm", $"{wasmPath} is a link or lies outside the package; packages may hold only regular files"));
            return new(null, problems, notes);
        }
        var size = new FileInfo(wasmFile).Length;
        if (size > ComponentLimits.MaxComponentBytes)
        {
            problems.Add(ManifestProblem.Error(ManifestParser.FileName, null, "tool.wasm", $"{wasmPath} is {size} bytes; a component may be at most {ComponentLimits.MaxComponentBytes}"));
            return new(null, problems, notes);
        }
        switch (WasmFormat.Detect(wasmFile))
        {
            case WasmKind.NotWasm:
                problems.Add(ManifestProblem.Error(ManifestParser.FileName, null, "tool.wasm", $"{wasmPath} is not a WebAssembly file"));
                return new(null, problems, notes);
            case WasmKind.CoreModule:
                problems.Add(ManifestProblem.Error(ManifestParser.FileName, null, "tool.wasm",
                    $"{wasmPath} is a core WebAssembly module, not a component of the kami:tool world; build it into a component (guest/c/build.sh, or cargo build --target wasm32-wasip2)"));
                return new(null, problems, notes);
        }

        return new(new LoadedPackage(root, text, manifest with { WasmPath = wasmPath }, wasmFile), problems, notes);
    }

    private static bool IsLink(string file) => new FileInfo(file).LinkTarget is not null;

    private static PackageReadResult Fail(ManifestProblem problem) => new(null, [problem], []);
}
