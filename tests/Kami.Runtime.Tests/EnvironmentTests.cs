using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>The guest sees only the host variables its policy allows by name, and never a denied one.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class EnvironmentTests : IDisposable
{
    // Not KAMI_*: KAMI's own variables are never passed to a guest (see the deny-list tests below).
    private const string Allowed = "KAMITEST_ALLOWED";
    private const string Secret = "KAMITEST_SECRET";
    private const string Token = "KAMI_TOKEN";
    private const string OperatorSecret = "KAMITEST_AWS_SECRET_ACCESS_KEY";
    private readonly RuntimeFixture _fixture;
    private readonly string? _savedToken = Environment.GetEnvironmentVariable(Token);

    public EnvironmentTests(RuntimeFixture fixture)
    {
        _fixture = fixture;
        Environment.SetEnvironmentVariable(Allowed, "visible");
        Environment.SetEnvironmentVariable(Secret, "hunter2");
        Environment.SetEnvironmentVariable(Token, "0123456789abcdef0123456789abcdef");
        Environment.SetEnvironmentVariable(OperatorSecret, "wJalrXUtnFEMI");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Allowed, null);
        Environment.SetEnvironmentVariable(Secret, null);
        Environment.SetEnvironmentVariable(Token, _savedToken);
        Environment.SetEnvironmentVariable(OperatorSecret, null);
    }

    [Fact]
    public async Task Run_EnvAllowList_ExposesOnlyListedVariables()
    {
        var policy = RuntimeFixture.Policy with { EnvAllowList = [Allowed, "KAMITEST_UNSET"] };

        var result = await _fixture.RunAsync("env_dump", policy: policy);

        Assert.Equal($"{Allowed}=visible\n", Expect.Success(result));
    }

    [Fact]
    public async Task Run_EmptyEnvAllowList_ExposesNothing()
    {
        var result = await _fixture.RunAsync("env_dump");

        Assert.Equal("", Expect.Success(result));
    }

    [Fact]
    public async Task Run_EnvDenyListAllowListsKamiToken_TokenIsNotVisible()
    {
        var policy = RuntimeFixture.Policy with { EnvAllowList = [Token, Allowed] };

        var result = await _fixture.RunAsync("env_dump", policy: policy);

        Assert.Equal($"{Allowed}=visible\n", Expect.Success(result));
    }

    [Fact]
    public async Task Run_EnvDenyListFromOperator_WithholdsListedVariable()
    {
        using var runtime = new ToolRuntime(new RuntimeOptions { MaxConcurrency = 1, EnvDenyList = new EnvDenyList([OperatorSecret]) });
        var policy = RuntimeFixture.Policy with { EnvAllowList = [OperatorSecret, Allowed] };

        var result = await runtime.ExecuteAsync(RuntimeFixture.Request("env_dump", policy: policy));

        Assert.Equal($"{Allowed}=visible\n", Expect.Success(result));
    }
}
