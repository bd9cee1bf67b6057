using Kami.Core.Errors;

namespace Kami.Cli.Authoring;

/// <summary>
/// The lock file (<c>guest/.npm-install.lock</c>) that lets one kami process at a time install the guest toolchain's
/// npm packages. Held by an exclusively opened file, which .NET locks with flock on Unix: the kernel drops it when its
/// holder exits, so a crashed install never leaves the others waiting.
/// </summary>
internal static class GuestInstallLock
{
    public const string FileName = ".npm-install.lock";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(10);

    public static async Task<IDisposable> AcquireAsync(string guestRoot, Action<string> progress, CancellationToken cancellation)
    {
        var path = Path.Combine(guestRoot, FileName);
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnauthorizedAccessException e)
            {
                throw GuestToolchain.CannotInstall(guestRoot, e);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another kami holds it: it is installing the packages this one needs.
            }
            if (waited == TimeSpan.Zero) progress($"waiting for another kami to finish installing the guest toolchain in {guestRoot}...");
            if (waited >= GiveUp)
                throw new KamiException(ErrorKind.InvalidInput,
                    $"another process has held {path} for {GiveUp.TotalMinutes:0} minutes; if no kami is installing the guest toolchain, run guest/install-toolchain.sh");
            await Task.Delay(Poll, cancellation).ConfigureAwait(false);
            waited += Poll;
        }
    }
}
