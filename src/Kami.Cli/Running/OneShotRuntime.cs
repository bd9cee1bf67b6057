using Kami.Cli.Configuration;
using Kami.Core.Trust;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Running;

/// <summary>
/// The one owner of the runtime options of a command that runs a tool once and exits (<c>exec</c>, <c>run</c>,
/// <c>validate</c>): one worker, nothing made ahead, and the host settings every runtime must honour.
/// </summary>
internal static class OneShotRuntime
{
    public static RuntimeOptions Options(KamiSettings settings, SignaturePolicy? signatures = null) => RuntimeOptions.Default with
    {
        MaxConcurrency = 1,
        PrepareInstances = false,
        PoolingAllocator = settings.PoolingAllocator,
        EnvDenyList = settings.EnvDenyList,
        Signatures = signatures,
        CompiledCacheDirectory = settings.CompiledCacheDirectory,
        CompiledCacheMaxBytes = settings.CompiledCacheMaxBytes,
        Http = RuntimeOptions.Default.Http with { AllowPrivate = settings.NetAllowPrivate, Credentials = settings.NetCredentials, AllowLists = settings.NetAllowLists },
    };
}
