using System.Runtime.InteropServices;

namespace Kami.Runtime.Wasm;

/// <summary>
/// How much virtual address space this process may still reserve (<c>ulimit -v</c>, RLIMIT_AS). Wasmtime's pooling
/// allocator reserves all of its slots when the engine is made, and a refused reservation is a Rust panic that
/// aborts the process, which .NET cannot catch: so KAMI checks before it asks.
/// </summary>
internal static partial class AddressSpace
{
    /// <summary>Bytes that may still be reserved, or null when there is no limit (or it cannot be read).</summary>
    public static ulong? Available()
    {
        var resource = OperatingSystem.IsLinux() ? 9 : OperatingSystem.IsMacOS() ? 5 : -1; // RLIMIT_AS
        if (resource < 0) return null;
        try
        {
            if (getrlimit(resource, out var limit) != 0 || limit.Current == ulong.MaxValue) return null;
            return limit.Current > Reserved() ? limit.Current - Reserved() : 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // What the process has reserved already (VmSize); unknown counts as nothing reserved.
    private static ulong Reserved()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmSize:", StringComparison.Ordinal)) continue;
                var kb = line["VmSize:".Length..].Trim().Split(' ')[0];
                return ulong.TryParse(kb, out var value) ? value * 1024 : 0;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);
}
