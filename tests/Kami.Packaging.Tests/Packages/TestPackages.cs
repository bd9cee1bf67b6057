using System.IO.Compression;
using Kami.TestCommon;

namespace Kami.Packaging.Tests.Packages;

/// <summary>Builds package directories and zips (hostile ones included) from the echo example.</summary>
internal static class TestPackages
{
    public static string EchoDirectory => RepoPaths.Example("echo");
    public static string EchoManifest => File.ReadAllText(Path.Combine(EchoDirectory, "tool.toml"));
    public static byte[] EchoWasm => File.ReadAllBytes(Path.Combine(EchoDirectory, "echo.wasm"));

    /// <summary>A core module's preamble (version 1, layer 0): valid wasm, but not a component.</summary>
    public static readonly byte[] CoreModule = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    /// <summary>The echo component with a custom section appended: still a valid component, with a different hash.</summary>
    public static byte[] EchoWasmTagged(string tag)
    {
        var name = System.Text.Encoding.ASCII.GetBytes("kami-test");
        var payload = System.Text.Encoding.ASCII.GetBytes(tag);
        var size = 1 + name.Length + payload.Length;
        if (size > 127) throw new ArgumentException("tag too long for a one-byte LEB128 size", nameof(tag));
        return [.. EchoWasm, 0x00, (byte)size, (byte)name.Length, .. name, .. payload];
    }

    public static string Manifest(string version = "1.0.0", string wasm = "echo.wasm") =>
        EchoManifest.Replace("version = \"1.0.0\"", $"version = \"{version}\"", StringComparison.Ordinal)
            .Replace("wasm = \"echo.wasm\"", $"wasm = \"{wasm}\"", StringComparison.Ordinal);

    /// <summary>A package directory holding the given files (relative path to content).</summary>
    public static string Directory(string parent, string name, params (string Path, byte[] Content)[] files)
    {
        var root = System.IO.Path.Combine(parent, name);
        foreach (var (path, content) in files)
        {
            var file = System.IO.Path.Combine(root, path);
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, content);
        }
        return root;
    }

    public static string EchoCopy(string parent, string version = "1.0.0", byte[]? wasm = null) =>
        Directory(parent, "echo-" + version + "-" + Guid.NewGuid().ToString("n")[..8],
            ("tool.toml", Text(Manifest(version))), ("echo.wasm", wasm ?? EchoWasm));

    public static string Zip(string file, params (string Path, byte[] Content)[] entries)
    {
        using var archive = ZipFile.Open(file, ZipArchiveMode.Create);
        foreach (var (path, content) in entries)
        {
            using var stream = archive.CreateEntry(path).Open();
            stream.Write(content);
        }
        return file;
    }

    public static byte[] Text(string s) => System.Text.Encoding.UTF8.GetBytes(s);
}
