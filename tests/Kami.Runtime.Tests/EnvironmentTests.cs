using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>The guest sees only the host variables its policy allows by name.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class EnvironmentTests : IDisposable
{
    private const string Allowed = "KAMI_TEST_ALLOWED";
    private const string Secret = "KAMI_TEST_SECRET";
    private readonly RuntimeFixture _fixture;

    public EnvironmentTests(RuntimeFixture fixture)
    {
        _fixture = fixture;
        Environment.SetEnvironmentVariable(Allowed, "visible");
        Environment.SetEnvironmentVariable(Secret, "hunter2");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Allowed, null);
        Environment.SetEnvironmentVariable(Secret, null);
    }

    [Fact]
    public async Task Run_EnvAllowList_ExposesOnlyListedVariables()
    {
        var policy = RuntimeFixture.Policy with { EnvAllowList = [Allowed, "KAMI_TEST_UNSET"] };

        var result = await _fixture.RunAsync("env_dump", policy: policy);

        Assert.Equal($"{Allowed}=visible\n", Expect.Success(result));
    }

    [Fact]
    public async Task Run_EmptyEnvAllowList_ExposesNothing()
    {
        var result = await _fixture.RunAsync("env_dump");

        Assert.Equal("", Expect.Success(result));
    }
}
