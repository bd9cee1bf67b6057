using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kami.TestCommon;

/// <summary>
/// A real OCI registry (Debian's docker-registry, the distribution project's) on 127.0.0.1 at a free port, storing
/// into a temp directory the tests may reach into (to tamper with a blob as a compromised registry would).
/// Never the system service. A missing binary fails the test, saying how to install it.
/// </summary>
public sealed class OciRegistryProcess : IDisposable
{
    public const string Binary = "/usr/bin/docker-registry";

    private readonly TempDirectory _temp = new();
    private readonly Process _process;

    public OciRegistryProcess()
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} is missing: run guest/install-toolchain.sh, which installs Debian's docker-registry package the OCI tests run");
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var config = _temp.Combine("config.yml");
            File.WriteAllText(config, $"""
                version: 0.1
                log:
                  level: info
                storage:
                  filesystem:
                    rootdirectory: {Storage}
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:{Port}
                  secret: {Guid.NewGuid():n}
                """);
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var log = new System.Text.StringBuilder();
            var process = new Process { StartInfo = new ProcessStartInfo(Binary, ["serve", config]) { RedirectStandardError = true, RedirectStandardOutput = true } };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) { listening.TrySetException(new InvalidOperationException("docker-registry exited:\n" + log)); return; }
                lock (log) log.AppendLine(e.Data);
                if (e.Data.Contains($"listening on 127.0.0.1:{Port}", StringComparison.Ordinal)) listening.TrySetResult();
            };
            process.OutputDataReceived += (_, _) => { };
            process.Start();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            try
            {
                if (!listening.Task.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("docker-registry did not start listening within 30 s:\n" + log);
                _process = process;
                return;
            }
            catch (Exception) when (Stop(process) && attempt < 3)
            {
                // Most likely another process took the port between the probe and the bind: try another.
            }
        }
    }

    public int Port { get; }

    /// <summary>host:port, as an oci:// reference names it.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The registry's filesystem storage.</summary>
    public string Storage => _temp.Combine("storage");

    /// <summary>Where the registry keeps the blob (or manifest) with this digest.</summary>
    public string BlobFile(string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(Storage, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    // Stops the process this fixture started (by its own handle, never by name); true so it can sit in an exception filter.
    private static bool Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
        return true;
    }

    public void Dispose()
    {
        Stop(_process);
        _temp.Dispose();
    }
}
