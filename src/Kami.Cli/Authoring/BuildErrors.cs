using System.Text.RegularExpressions;

namespace Kami.Cli.Authoring;

/// <summary>
/// Turns a failed build's output into what the author needs: the compiler's error lines (file:line), or, for the
/// component step, what was wrong in the words of the kami:tool world rather than wit-component's stack trace.
/// </summary>
internal static partial class BuildErrors
{
    [GeneratedRegex(@"module requires an import interface named `([^`]+)`")]
    private static partial Regex UnknownImport();

    [GeneratedRegex(@"failed to find export of interface `([^`]+)` function `([^`]+)`")]
    private static partial Regex MissingExport();

    [GeneratedRegex(@"^\S+:\d+(:\d+)?: (fatal )?error: ")]
    private static partial Regex CompilerError();

    [GeneratedRegex(@"^\S+:\d+(:\d+)?: warning: ")]
    private static partial Regex CompilerWarning();

    /// <summary>The compiler's warnings of a build that succeeded: worth seeing, not worth failing for.</summary>
    public static IEnumerable<string> Warnings(string output) =>
        output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => CompilerWarning().IsMatch(l));

    public static BuildFailedException From(ToolSource source, string output)
    {
        var name = Path.GetFileName(source.File);
        if (UnknownImport().Match(output) is { Success: true } import)
            return new($"{name} imports {import.Groups[1].Value}, which the kami:tool world does not provide; "
                + "a tool may import only kami:tool/host@0.1.0 (log) and WASI 0.2 (cli, clocks, filesystem, io, random, sockets)", []);
        if (MissingExport().Match(output) is { Success: true } export)
            return new($"{name} does not export {export.Groups[1].Value} function {export.Groups[2].Value}: "
                + "end a C tool with KAMI_TOOL(handler, describe_json) from kami_tool.h", []);
        if (output.Contains("libclang_rt.builtins-wasm32.a", StringComparison.Ordinal))
            return new("the C toolchain is incomplete (the wasm32 compiler-rt builtins are missing): apt-get install libclang-rt-dev-wasm32, or run guest/install-toolchain.sh", []);
        if (output.Contains("wasi-sysroot", StringComparison.Ordinal) || output.Contains("'stdlib.h' file not found", StringComparison.Ordinal)
            || output.Contains("'stddef.h' file not found", StringComparison.Ordinal))
            return new("the C toolchain is incomplete (wasi-libc is missing): apt-get install wasi-libc, or run guest/install-toolchain.sh", []);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var errors = lines.Where(l => CompilerError().IsMatch(l.TrimStart()) || l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        // build.mjs indents what belongs to an error (the offending source line, the engine's message) under it;
        // clang's indented lines are its caret art, left out.
        var details = new List<string>();
        var keeping = false;
        foreach (var line in lines)
        {
            if (errors.Contains(line)) { details.Add(line.TrimStart()); keeping = true; }
            else if (keeping && source.Language != ToolLanguage.C && char.IsWhiteSpace(line[0])) details.Add("    " + line.Trim());
            else keeping = false;
        }
        if (details.Count == 0) details.AddRange(lines.TakeLast(8).Select(l => l.Trim()));
        var count = errors.Count;
        return new(count > 0 ? $"the build of {name} failed with {count} error(s)" : $"the build of {name} failed", details);
    }
}
