using System.Diagnostics;
using Kami.Core.Errors;
using Kami.Packaging.Manifest;
using Kami.Runtime.Execution;

namespace Kami.Cli.Authoring;

/// <summary>
/// <c>kami build</c>'s work: reads tool.toml, runs the language's build script from guest/ into the manifest's
/// wasm path, compares a defineTool definition with tool.toml, and checks the component with the loader's own
/// code (<see cref="ToolRuntime.Check"/>: a valid component exporting kami:tool/tool@0.1.0 with run, importing
/// only what KAMI provides), so a build that passes here is one <c>kami install</c> accepts.
/// </summary>
internal sealed class ToolBuilder(GuestToolchain toolchain, Action<string> progress)
{
    private const string NodeHint = "install Node.js 20+ (e.g. apt-get install nodejs npm, or https://nodejs.org)";
    private const string ClangHint = "run guest/install-toolchain.sh, or apt-get install clang lld wasi-libc libclang-rt-dev-wasm32";

    public async Task<BuildResult> BuildAsync(string packageDir, Func<ToolRuntime> newRuntime, CancellationToken cancellation)
    {
        var root = Path.GetFullPath(packageDir);
        var manifest = ReadManifest(root);
        var source = ToolSource.Find(root);
        var wasm = Path.GetFullPath(Path.Combine(root, manifest.WasmPath));
        if (!wasm.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new KamiException(ErrorKind.InvalidInput, $"tool.wasm = \"{manifest.WasmPath}\" points outside the package; name a file inside it such as \"{manifest.Name}.wasm\"");
        Directory.CreateDirectory(Path.GetDirectoryName(wasm)!);

        var node = toolchain.Require("node", NodeHint);
        await toolchain.EnsureNpmPackagesAsync(progress, cancellation).ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        var definitionFile = Path.Combine(Path.GetTempPath(), "kami-definition-" + Guid.NewGuid().ToString("n") + ".json");
        try
        {
            ProcessResult result;
            if (source.Language == ToolLanguage.C)
            {
                toolchain.Require("clang", ClangHint);
                var bash = toolchain.Require("bash", "install bash");
                result = await toolchain.RunAsync(bash, [Path.Combine(toolchain.Root, "c", "build.sh"), source.File, wasm], root, cancellation).ConfigureAwait(false);
            }
            else
            {
                string[] args = [Path.Combine(toolchain.JsSdk, "build.mjs"), Path.GetFileName(source.File), wasm, "--definition", definitionFile];
                // First only the definition (about a second): a tool.toml that disagrees is said before the ~10 s componentize.
                result = await toolchain.RunAsync(node, [.. args, "--definition-only"], root, cancellation).ConfigureAwait(false);
                if (result.ExitCode != 0) throw BuildErrors.From(source, result.Output);
                if (File.Exists(definitionFile)) DefinitionCheck.Compare(manifest, File.ReadAllText(definitionFile));
                result = await toolchain.RunAsync(node, args, root, cancellation).ConfigureAwait(false);
            }
            if (result.ExitCode != 0) throw BuildErrors.From(source, result.Output);
            var buildTime = Stopwatch.GetElapsedTime(started);
            foreach (var warning in BuildErrors.Warnings(result.Output)) progress(warning);

            started = Stopwatch.GetTimestamp();
            using var runtime = newRuntime();
            var imports = runtime.Check(manifest.Id.Value, wasm);
            return new BuildResult(manifest, source, wasm, new FileInfo(wasm).Length, buildTime, Stopwatch.GetElapsedTime(started), imports);
        }
        finally
        {
            File.Delete(definitionFile);
        }
    }

    public static Kami.Core.Tools.ToolManifest ReadManifest(string root)
    {
        var file = Path.Combine(root, ManifestParser.FileName);
        if (!Directory.Exists(root)) throw new KamiException(ErrorKind.InvalidInput, $"{root} does not exist");
        if (!File.Exists(file))
            throw new KamiException(ErrorKind.InvalidInput, $"{root} has no tool.toml: run kami build in a package directory (kami init <name> makes one)");
        return ManifestParser.Parse(File.ReadAllText(file)).GetManifestOrThrow();
    }
}
