using Kami.Core.Hosting;
using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Wasmtime;

namespace Kami.Runtime.Wasm;

/// <summary>
/// The WASI context of one call, deny by default: no arguments, empty stdin, no preopened directories, no
/// environment, and no network (Wasmtime's WASI context permits no socket address or name lookup unless
/// granted, and KAMI never grants it). The policy may add allow-listed variables (never a denied one, see
/// <see cref="EnvDenyList"/>) and the tool's data directory.
/// </summary>
internal static class WasiSandbox
{
    public const string GuestDataPath = ".";

    public static WasiConfiguration Build(ExecutionRequest request, ConsoleCapture console, EnvDenyList denied)
    {
        var wasi = new WasiConfiguration()
            .WithStandardOutputCallback(console.Stdout)
            .WithStandardErrorCallback(console.Stderr);

        foreach (var name in request.Policy.EnvAllowList)
        {
            // The last line: whatever a manifest, a flag or a registry row says, KAMI's own secrets stay home.
            if (denied.Denies(name)) continue;
            if (Environment.GetEnvironmentVariable(name) is { } value) wasi.WithEnvironmentVariable(name, value);
        }

        if (request.Policy.FsAccess != FsAccess.None && request.DataDirectory is { } dataDirectory)
        {
            PrivateFiles.CreateDirectory(dataDirectory);
            wasi.WithPreopenedDirectory(dataDirectory, GuestDataPath, request.Policy.FsAccess == FsAccess.Sandbox);
        }
        return wasi;
    }
}
