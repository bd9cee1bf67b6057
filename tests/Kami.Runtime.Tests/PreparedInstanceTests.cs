using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>
/// A worker makes the next instance of the tool it ran last while it is idle. That instance must be as fresh as
/// one made on the call path: new memory, the call's own limits, and the policy of the call it serves.
/// One worker, so consecutive calls land on the worker holding the instance made ahead. The worker's idle time
/// runs on a fake clock: a test waits for it to fall asleep (its idle work done) and moves time on.
/// </summary>
[Collection(RuntimeCollection.Name)]
public sealed class PreparedInstanceTests : IDisposable
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(30);
    private readonly SleepWatchingClock _clock = new();
    private readonly ToolRuntime _runtime;

    public PreparedInstanceTests() => _runtime = new(new RuntimeOptions { MaxConcurrency = 1 }, _clock);

    public void Dispose() => _runtime.Dispose();

    // Runs a call, then waits until the idle worker has made the next instance, so the call after it uses one.
    private async Task<ExecutionResult> RunThenPrepareAsync(ExecutionRequest request)
    {
        var made = _runtime.ReadyInstances.MadeCount;
        var result = await _runtime.ExecuteAsync(request);
        await _clock.WhenArmed().WaitAsync(SignalTimeout); // asleep: it made the next instance before it slept
        Assert.True(_runtime.ReadyInstances.MadeCount > made, "the idle worker made no instance for the next call");
        return result;
    }

    [Fact]
    public async Task Run_ManyCallsOnOneWorker_EachCallSeesNewMemory()
    {
        for (var i = 0; i < 20; i++)
            Assert.Equal("1", Expect.Success(await RunThenPrepareAsync(RuntimeFixture.Request("counter"))));
        Assert.True(_runtime.ReadyInstances.UsedCount >= 19, $"only {_runtime.ReadyInstances.UsedCount} calls used an instance made ahead");
    }

    [Fact]
    public async Task Run_InstanceMadeAhead_NoMemoryGlobalOrTableStateSurvivesFromTheCallBefore()
    {
        // leftover marks memory, a global and a table slot in every call and reports the marks it finds: an instance
        // (or a pool slot) handed on without a reset would answer "mem=1 global=1 table=1".
        for (var i = 0; i < 12; i++)
            Assert.Equal("mem=0 global=0 table=0", Expect.Success(await RunThenPrepareAsync(RuntimeFixture.Request("leftover"))));
        Assert.True(_runtime.ReadyInstances.UsedCount >= 11, $"only {_runtime.ReadyInstances.UsedCount} calls used an instance made ahead");
    }

    [Fact]
    public async Task Run_InstanceMadeAhead_WasiContextIsTheCallsOwn()
    {
        // Each instance's WASI context is built from the policy of the call it was made for; one made for a call
        // that granted a variable must never serve a call that does not, and the next instance is made afresh.
        const string variable = "KAMITEST_PREPARED_WASI";
        Environment.SetEnvironmentVariable(variable, "seen");
        try
        {
            var granting = RuntimeFixture.Policy with { EnvAllowList = [variable] };
            Assert.Equal($"{variable}=seen\n", Expect.Success(await RunThenPrepareAsync(RuntimeFixture.Request("env_dump", policy: granting))));
            // The stock now holds an instance whose WASI context carries the variable; a deny-all call gets a new context.
            Assert.Equal("", Expect.Success(await RunThenPrepareAsync(RuntimeFixture.Request("env_dump"))));
            Assert.Equal("", Expect.Success(await _runtime.ExecuteAsync(RuntimeFixture.Request("env_dump"))));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task ForgetReadyInstances_ToolReplaced_DropsItsInstancesAtOnce()
    {
        Expect.Success(await RunThenPrepareAsync(RuntimeFixture.Request("echo")));
        Assert.True(_runtime.ReadyInstanceCount > 0);

        _runtime.ForgetReadyInstances(RuntimeFixture.Request("echo").ToolId);

        Assert.Equal(0, _runtime.ReadyInstanceCount);
        Assert.Equal("{\"after\":1}", Expect.Success(await _runtime.ExecuteAsync(RuntimeFixture.Request("echo", "{\"after\":1}"))));
        Assert.Equal(0, _runtime.ReadyInstances.UsedCount);
    }

    [Fact]
    public async Task Run_InstanceMadeLongBeforeItsCall_StillGetsTheWholeTimeLimit()
    {
        var policy = RuntimeFixture.Policy with { MaxExecutionMs = 300 };
        Expect.Success(await RunThenPrepareAsync(RuntimeFixture.Request("echo", policy: policy)));

        await Task.Delay(TimeSpan.FromMilliseconds(900)); // the instance made for the next call waits three limits

        Assert.Equal("{\"late\":1}", Expect.Success(await _runtime.ExecuteAsync(RuntimeFixture.Request("echo", "{\"late\":1}", policy))));
        Assert.Equal(1, _runtime.ReadyInstances.UsedCount);
    }

    [Fact]
    public async Task Run_InstanceMadeAhead_ReportsTheSameFuelAsOneMadeOnTheCallPath()
    {
        var fuel = new List<ulong>();
        for (var i = 0; i < 3; i++)
            fuel.Add((await RunThenPrepareAsync(RuntimeFixture.Request("echo", "{\"n\":1}"))).Metrics.FuelUsed);

        Assert.Equal(2, _runtime.ReadyInstances.UsedCount);
        Assert.True(fuel[0] > 0);
        Assert.All(fuel, used => Assert.Equal(fuel[0], used));
    }

    [Fact]
    public async Task Run_PolicyChangedBetweenCalls_NextCallRunsUnderTheNewPolicy()
    {
        const string variable = "KAMITEST_PREPARED_SECRET"; // not KAMI_*: those never reach a guest
        Environment.SetEnvironmentVariable(variable, "granted-before");
        try
        {
            var granting = RuntimeFixture.Policy with { EnvAllowList = [variable] };
            Assert.Equal($"{variable}=granted-before\n", Expect.Success(await RunThenPrepareAsync(RuntimeFixture.Request("env_dump", policy: granting))));

            // The instance made ahead was made under the granting policy; a call under deny-all must not use it.
            Assert.Equal("", Expect.Success(await _runtime.ExecuteAsync(RuntimeFixture.Request("env_dump"))));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Run_NoCallForLongerThanTheLifetime_InstanceMadeAheadIsFreedAndTheNextCallMakesItsOwn()
    {
        Expect.Success(await RunThenPrepareAsync(RuntimeFixture.Request("echo")));

        _clock.Advance(_runtime.Options.ReadyInstanceLifetime); // the worker frees it before it takes the next call

        Assert.Equal("{\"after\":1}", Expect.Success(await _runtime.ExecuteAsync(RuntimeFixture.Request("echo", "{\"after\":1}"))));
        Assert.Equal(0, _runtime.ReadyInstances.UsedCount);
    }

    [Fact]
    public async Task Run_NextCallJustWithinTheLifetime_UsesTheInstanceMadeAhead()
    {
        Expect.Success(await RunThenPrepareAsync(RuntimeFixture.Request("echo")));

        _clock.Advance(_runtime.Options.ReadyInstanceLifetime - TimeSpan.FromMilliseconds(1));

        Assert.Equal("{\"within\":1}", Expect.Success(await _runtime.ExecuteAsync(RuntimeFixture.Request("echo", "{\"within\":1}"))));
        Assert.Equal(1, _runtime.ReadyInstances.UsedCount);
    }

    [Fact]
    public async Task Run_ToolWithFileAccess_IsNeverMadeAhead()
    {
        using var data = new Kami.TestCommon.TempDirectory();
        var request = RuntimeFixture.Request("write_file", "{\"path\":\"note.txt\",\"content\":\"x\"}",
            RuntimeFixture.Policy with { FsAccess = Kami.Core.Security.FsAccess.Sandbox }) with { DataDirectory = data.Path };

        Expect.Success(await _runtime.ExecuteAsync(request));
        await _clock.WhenArmed().WaitAsync(SignalTimeout); // asleep: its idle work, which makes instances, is done

        Assert.Equal(0, _runtime.ReadyInstances.MadeCount);
        Expect.Success(await _runtime.ExecuteAsync(request));
        Assert.True(File.Exists(Path.Combine(data.Path, "note.txt")));
    }
}
