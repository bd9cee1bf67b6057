using Kami.TestCommon;

namespace Kami.EndToEnd.Tests.Infrastructure;

/// <summary>How a test starts kami: a program and the arguments that come before kami's own.</summary>
public sealed record KamiCommand(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>
    /// <paramref name="binary"/> (the value of <c>KAMI_TEST_BINARY</c>) when set: that executable, relative paths taken
    /// from the repository root; otherwise <c>dotnet</c> with the kami.dll <paramref name="findDll"/> finds.
    /// A binary that is not there fails every test at once with what to do, rather than silently testing kami.dll.
    /// </summary>
    public static KamiCommand Resolve(string? binary, Func<string> findDll)
    {
        if (string.IsNullOrEmpty(binary)) return new KamiCommand("dotnet", [findDll()]);
        var path = Path.GetFullPath(binary, RepoPaths.Root);
        if (!File.Exists(path))
            throw new InvalidOperationException($"{KamiCli.BinaryVariable}={binary}: no such file ({path}); publish kami first (scripts/publish-aot.sh) or unset {KamiCli.BinaryVariable} to test kami.dll");
        return new KamiCommand(path, []);
    }

    /// <summary>The command as words for <c>bash -c</c>, each single-quoted.</summary>
    public string ShellWords => string.Join(' ', new[] { FileName }.Concat(LeadingArguments).Select(Quote));

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
