using System.Reflection;

namespace Kami.Core.Hosting;

/// <summary>KAMI's version (every assembly shares it, from Directory.Build.props), without the source revision.</summary>
public static class KamiVersion
{
    /// <summary>The version, such as <c>0.1.0</c>; <c>0.0.0</c> when the assembly carries none.</summary>
    public static string Current { get; } =
        typeof(KamiVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
