using System.Diagnostics;

namespace Kami.EndToEnd.Tests.Infrastructure;

/// <summary>Ends a kami process a test started, whatever state it is in.</summary>
public static class ProcessEnd
{
    /// <summary>Kills the process and its children, waits up to 10 s for it to exit, and disposes it.</summary>
    public static async Task KillAsync(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException) { }
        catch (TimeoutException) { }
        process.Dispose();
    }
}
