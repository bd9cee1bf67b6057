using System.Text.Json.Nodes;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests;

/// <summary>The filesystem: nothing without a grant, only the data directory with one, writes only in sandbox mode.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class SandboxTests : IDisposable
{
    private const string Secret = "host secret next to the data directory";
    private readonly RuntimeFixture _fixture;
    private readonly TempDirectory _temp = new();

    /// <summary>The tool's data directory holds data.txt; a secret sits beside it, one ".." away.</summary>
    public SandboxTests(RuntimeFixture fixture)
    {
        _fixture = fixture;
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(Path.Combine(DataDirectory, "data.txt"), "tool data");
        File.WriteAllText(_temp.Combine("secret.txt"), Secret);
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("/etc/passwd", FsAccess.None)]
    [InlineData("/etc/passwd", FsAccess.ReadOnly)]
    [InlineData("../secret.txt", FsAccess.None)]
    [InlineData("../secret.txt", FsAccess.ReadOnly)]
    [InlineData("data.txt", FsAccess.None)]
    public async Task Run_ReadOutsideGrant_Refused(string path, FsAccess access)
    {
        var result = await _fixture.RunAsync(Request("read_file", Json(("path", path)), access));

        var error = Expect.Failure(result, ErrorKind.GuestFailed);
        Assert.DoesNotContain("root:", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
        await _fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_ReadInDataDirectory_ReturnsContent()
    {
        var result = await _fixture.RunAsync(Request("read_file", Json(("path", "data.txt")), FsAccess.ReadOnly));

        Assert.Equal("tool data", Expect.Success(result));
    }

    [Fact]
    public async Task Run_WriteReadOnly_Refused()
    {
        var result = await _fixture.RunAsync(Request("write_file", Json(("path", "new.txt"), ("content", "x")), FsAccess.ReadOnly));

        Expect.Failure(result, ErrorKind.GuestFailed);
        Assert.False(File.Exists(Path.Combine(DataDirectory, "new.txt")));
        Assert.Equal("tool data", File.ReadAllText(Path.Combine(DataDirectory, "data.txt")));
        await _fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_WriteSandbox_FileAppearsInDataDirectory()
    {
        var result = await _fixture.RunAsync(Request("write_file", Json(("path", "new.txt"), ("content", "written by the guest")), FsAccess.Sandbox));

        Assert.Equal("wrote 20 bytes", Expect.Success(result));
        Assert.Equal("written by the guest", File.ReadAllText(Path.Combine(DataDirectory, "new.txt")));
    }

    [Theory]
    [InlineData("../escaped.txt")]
    [InlineData("/tmp/escaped.txt")]
    public async Task Run_WriteSandboxOutsideDataDirectory_Refused(string path)
    {
        var result = await _fixture.RunAsync(Request("write_file", Json(("path", path), ("content", "escaped")), FsAccess.Sandbox));

        Expect.Failure(result, ErrorKind.GuestFailed);
        Assert.False(File.Exists(_temp.Combine("escaped.txt")));
        Assert.False(File.Exists("/tmp/escaped.txt"));
        await _fixture.AssertStillServesAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData(".")]
    public async Task Run_ListRootInSandbox_ShowsOnlySandboxContents(string path)
    {
        var result = await _fixture.RunAsync(Request("list_dir", Json(("path", path)), FsAccess.Sandbox));

        // The guest's "/" is its data directory: no host entries such as etc or proc.
        Assert.Equal("data.txt\n", Expect.Success(result));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("/etc")]
    [InlineData("/proc/self")]
    public async Task Run_ListHostDirectoryInSandbox_Refused(string path)
    {
        var result = await _fixture.RunAsync(Request("list_dir", Json(("path", path)), FsAccess.Sandbox));

        Expect.Failure(result, ErrorKind.GuestFailed);
        await _fixture.AssertStillServesAsync();
    }

    private string DataDirectory => _temp.Combine("data");

    private ExecutionRequest Request(string guest, string input, FsAccess access) =>
        RuntimeFixture.Request(guest, input, RuntimeFixture.Policy with { FsAccess = access }) with { DataDirectory = DataDirectory };

    private static string Json(params (string Name, string Value)[] members)
    {
        var json = new JsonObject();
        foreach (var (name, value) in members) json[name] = value;
        return json.ToJsonString();
    }
}
