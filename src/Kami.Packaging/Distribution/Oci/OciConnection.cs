using Kami.Core.Errors;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// One conversation with the registry behind a reference: discovery, then a client with that registry's credentials,
/// all under one deadline (<see cref="DownloadLimits.Timeout"/>); a network failure or timeout becomes a clear error.
/// </summary>
internal static class OciConnection
{
    /// <summary>How long HOST may take to answer for registry.json before it counts as not serving one.</summary>
    public static readonly TimeSpan DiscoveryTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs <paramref name="body"/> against the registry for <paramref name="reference"/>; it gets the note discovery left, if any.</summary>
    public static async Task<T> RunAsync<T>(OciReference reference, string actions, DownloadLimits limits, Func<string, string?> environment,
        Func<OciRegistryClient, string?, CancellationToken, Task<T>> body, CancellationToken cancellation)
    {
        using var handler = SafeDownloader.NewHandler(limits);
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(limits.Timeout);
        var http = new OciHttp(invoker, limits);
        try
        {
            var (endpoint, note) = await new RegistryDiscovery(http).ResolveAsync(reference, DiscoveryTimeout, deadline.Token).ConfigureAwait(false);
            var client = new OciRegistryClient(http, endpoint, OciCredentials.For(endpoint.Registry, environment), actions);
            return await body(client, note, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            throw new KamiException(ErrorKind.DownloadFailed, $"{reference} took longer than {limits.Timeout.TotalSeconds:0} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new KamiException(ErrorKind.DownloadFailed, $"could not reach the registry for {reference}: {e.Message}{(e.InnerException is { } inner ? " (" + inner.Message + ")" : "")}", e);
        }
        catch (IOException e)
        {
            throw new KamiException(ErrorKind.DownloadFailed, $"the connection to the registry for {reference} was cut short ({e.Message})", e);
        }
    }
}
