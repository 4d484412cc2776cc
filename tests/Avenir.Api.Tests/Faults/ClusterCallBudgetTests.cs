using Avenir.Api.Hosting;
using Avenir.Contracts.Faults;
using Orleans.Runtime;

namespace Avenir.Api.Tests.Faults;

/// <summary>The request's grain-call budget on a clock the test moves: what is tried again, how often, and for how long.</summary>
public sealed class ClusterCallBudgetTests
{
    /// <summary>How far past its budget a timed-out call may end (the clock moves to each timer exactly).</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_call_the_cluster_refuses_while_it_drops_a_dead_silo_is_tried_again_until_it_is_taken()
    {
        var time = new SignallingTimeProvider(TestClock.DefaultOrigin);
        var budget = new ClusterCallBudget(time);
        var calls = 0;

        var result = await time.DriveAsync(() => budget.RunAsync(
            () => ++calls <= 3 ? Task.FromException<int>(new SiloUnavailableException("Unable to connect")) : Task.FromResult(42),
            safeToRepeat: true, CancellationToken.None));

        Assert.Equal(42, result);
        Assert.Equal(4, calls);
        Assert.InRange(time.GetUtcNow() - TestClock.DefaultOrigin, TimeSpan.FromSeconds(1.75), TimeSpan.FromSeconds(2)); // paused 250 + 500 + 1000 ms
    }

    [Fact]
    public async Task A_call_that_never_answers_ends_as_a_timeout_when_the_budget_is_spent()
    {
        var time = new SignallingTimeProvider(TestClock.DefaultOrigin);
        var budget = new ClusterCallBudget(time);

        await Assert.ThrowsAsync<TimeoutException>(() => time.DriveAsync(() => budget.RunAsync(
            () => new TaskCompletionSource<int>().Task, safeToRepeat: true, CancellationToken.None)));

        Assert.InRange(time.GetUtcNow() - TestClock.DefaultOrigin, ClusterCallBudget.Budget, ClusterCallBudget.Budget + Step);
    }

    [Fact]
    public async Task A_silo_that_keeps_failing_gets_its_last_failure_reported_before_the_budget_runs_out()
    {
        var time = new SignallingTimeProvider(TestClock.DefaultOrigin);
        var budget = new ClusterCallBudget(time);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => time.DriveAsync(() => budget.RunAsync(
            () => Task.FromException<int>(new SiloUnavailableException("gone")), safeToRepeat: true, CancellationToken.None)));

        Assert.True(time.GetUtcNow() - TestClock.DefaultOrigin <= ClusterCallBudget.Budget);
    }

    [Fact]
    public async Task A_call_not_safe_to_repeat_and_a_PostgreSQL_outage_are_tried_once()
    {
        var budget = new ClusterCallBudget(new SignallingTimeProvider(TestClock.DefaultOrigin));
        var calls = 0;

        await Assert.ThrowsAsync<SiloUnavailableException>(() => budget.RunAsync(
            () => { calls++; return Task.FromException<int>(new SiloUnavailableException("gone")); }, safeToRepeat: false, CancellationToken.None));
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => budget.RunAsync(
            () => { calls++; return Task.FromException<int>(new DependencyUnavailableException("PostgreSQL", "down")); }, safeToRepeat: true,
            CancellationToken.None));

        Assert.Equal(2, calls);
    }
}
