using Kami.Core.Errors;
using Kami.Packaging.Distribution;
using Microsoft.AspNetCore.Http;

namespace Kami.Cli.Tests.Trust;

/// <summary>Issue 12: a download that is truncated, endless, missing or redirected badly installs nothing and says why.</summary>
public sealed class DownloadFailureTests : DistributionTestBase
{
    [Fact]
    public async Task InstallByUrl_TruncatedDownload_InstallsNothing()
    {
        var zip = Publisher.Zip(Publisher.Directory());
        Server.Map("/plugin.zip", async context =>
        {
            context.Response.ContentLength = zip.Length;
            await context.Response.Body.WriteAsync(zip.AsMemory(0, zip.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
        });

        var result = (await Cli.RunAsync("install", Server.Url("/plugin.zip"))).UserError();

        Assert.Contains("was cut short", result.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was installed", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallByUrl_EndlessDownload_IsStoppedAtMaxDownload()
    {
        Config("max_download_mb = 1\n");
        Server.Map("/plugin.zip", async context =>
        {
            var chunk = new byte[64 << 10];
            while (!context.RequestAborted.IsCancellationRequested)
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        });

        var result = (await Cli.RunAsync("install", Server.Url("/plugin.zip"))).UserError();

        Assert.Contains("is larger than 1 MiB (max_download_mb)", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallByUrl_DeclaredLengthOverLimit_IsRefusedBeforeReading()
    {
        Config("max_download_mb = 1\n");
        Server.Map("/plugin.zip", async context =>
        {
            context.Response.ContentLength = 2L << 20;
            await context.Response.StartAsync();
            await context.Response.Body.FlushAsync();
            // Sends no body: only the declared length can have refused it.
            var aborted = new TaskCompletionSource();
            using var registration = context.RequestAborted.Register(() => aborted.TrySetResult());
            await aborted.Task;
        });

        var result = (await Cli.RunAsync("install", Server.Url("/plugin.zip"))).UserError();

        Assert.Contains("is larger than 1 MiB (max_download_mb)", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallByUrl_NotFound_SaysHttp404()
    {
        var result = (await Cli.RunAsync("install", Server.Url("/missing.zip"))).UserError();

        Assert.Contains("HTTP 404", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallById_IndexEntryDownload404_SaysHttp404()
    {
        Config("");
        ServeIndex(Publisher.Entry("1.0.0", Server.Url("/gone.zip"), Publisher.Sha(Publisher.EchoWasm), null));

        var result = (await Cli.RunAsync("install", "dev.kami.echo")).UserError();

        Assert.Contains("HTTP 404", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallByUrl_EndlessRedirects_StopsAtTheRedirectLimit()
    {
        Server.Map("/loop", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/loop";
            return Task.CompletedTask;
        });

        var result = (await Cli.RunAsync("install", Server.Url("/loop"))).UserError();

        Assert.Contains("redirected more than 5 times", result.Err, StringComparison.Ordinal);
        Assert.Equal(6, Server.Hits["/loop"]);
    }

    [Fact]
    public async Task InstallByUrl_RedirectToPlainHttpElsewhere_IsRefused()
    {
        Server.Map("/plugin.zip", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://example.com/plugin.zip";
            return Task.CompletedTask;
        });

        var result = (await Cli.RunAsync("install", Server.Url("/plugin.zip"))).UserError();

        Assert.Contains("uses plain HTTP", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallByUrl_PlainHttpToAnotherHost_IsRefusedWithoutConnecting()
    {
        var result = (await Cli.RunAsync("install", "http://example.com/plugin.zip")).UserError();

        Assert.Contains("uses plain HTTP, which anyone on the way can alter; use https://", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_StalledServer_TimesOut()
    {
        var release = new TaskCompletionSource();
        Server.Map("/slow.zip", async context =>
        {
            context.Response.ContentLength = 10;
            await context.Response.Body.FlushAsync();
            await release.Task.WaitAsync(context.RequestAborted);
        });
        var file = Path.Combine(Cli.Scratch, "slow.zip");

        var error = await Assert.ThrowsAsync<KamiException>(() => new SafeDownloader().DownloadAsync(new Uri(Server.Url("/slow.zip")), file,
            DownloadLimits.Default with { Timeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None));

        release.SetResult();
        Assert.Equal(ErrorKind.DownloadFailed, error.Kind);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task InstallGitHubShorthand_DownloadsTheReleasePluginZip()
    {
        var zip = Publisher.Zip(Publisher.Directory());
        Server.MapBytes("/kami-dev/echo/releases/download/v1.0.0/plugin.zip", zip);
        Assert.Equal(new PackageSource.GitHub("kami-dev", "echo", "v1.0.0"), PackageSource.Classify("kami-dev/echo@v1.0.0"));
        using var registry = new TempRegistry(Cli.Scratch);
        var remote = new RemoteInstaller(registry.Installer, registry.Paths, new SafeDownloader(), DownloadLimits.Default) { GitHubBase = Server.BaseUrl };

        var result = await remote.InstallGitHubAsync(new PackageSource.GitHub("kami-dev", "echo", "v1.0.0"), new(), CancellationToken.None);

        Assert.Equal("kami-dev/echo@v1.0.0", result.Tool.Source);
    }
}
