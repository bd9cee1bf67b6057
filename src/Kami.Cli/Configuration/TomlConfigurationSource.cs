using Microsoft.Extensions.Configuration;

namespace Kami.Cli.Configuration;

internal sealed class TomlConfigurationSource(string file, IReadOnlySet<string> knownKeys) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new TomlConfigurationProvider(file, knownKeys);
}
