using System.Diagnostics;
using Kami.EndToEnd.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.EndToEnd.Tests;

/// <summary>KAMI_TEST_BINARY: the process-level tests run the published kami instead of kami.dll (scripts/test-published.sh).</summary>
public sealed class KamiCommandTests
{
    private static string NoDll() => throw new InvalidOperationException("kami.dll was looked for although a binary was named");

    [Fact]
    public void Resolve_BinaryVariableUnset_StartsDllThroughDotnet()
    {
        var command = KamiCommand.Resolve(null, () => "/x/kami.dll");

        Assert.Equal("dotnet", command.FileName);
        Assert.Equal(["/x/kami.dll"], command.LeadingArguments);
    }

    [Fact]
    public void Resolve_BinaryVariableNamesExecutable_StartsItWithNoLeadingArguments()
    {
        using var dir = new TempDirectory();
        var binary = dir.Combine("kami");
        File.WriteAllText(binary, "");

        var command = KamiCommand.Resolve(binary, NoDll);

        Assert.Equal(binary, command.FileName);
        Assert.Empty(command.LeadingArguments);
    }

    [Fact]
    public void Resolve_RelativeBinary_IsTakenFromRepositoryRoot()
    {
        var command = KamiCommand.Resolve("scripts/test.sh", NoDll);

        Assert.Equal(Path.Combine(RepoPaths.Root, "scripts", "test.sh"), command.FileName);
    }

    [Fact]
    public void Resolve_BinaryVariableNamesMissingFile_FailsSayingWhatToDo()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KamiCommand.Resolve("/nonexistent/kami", NoDll));

        Assert.Contains("KAMI_TEST_BINARY=/nonexistent/kami", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/publish-aot.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShellWords_PathsWithSpacesAndQuotes_ReachTheProgramIntact()
    {
        if (!OperatingSystem.IsLinux()) return; // bash quoting is what AddressSpaceLimitTests relies on
        var command = new KamiCommand("printf", ["%s|", "it's a dir/kami.dll", "$HOME"]);
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command.ShellWords);

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal("it's a dir/kami.dll|$HOME|", output);
    }
}
