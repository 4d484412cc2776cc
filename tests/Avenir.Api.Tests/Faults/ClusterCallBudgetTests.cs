using Avenir.Api.Hosting;
using Avenir.Contracts.Faults;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace Avenir.Api.Tests.Faults;

/// <summary>The request's grain-call budget on a clock the test moves: what is tried again, how often, and for how long.</summary>
public sealed class ClusterCallBudgetTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_call_the_cluster_refuses_while_it_drops_a_dead_silo_is_tried_again_until_it_is_taken()
    {
        var time = new FakeTimeProvider(TestClock.DefaultOrigin);
        var budget = new ClusterCallBudget(time);
        var calls = 0;

        var result = await DriveAsync(time, budget.RunAsync(
            () => ++calls <= 3 ? Task.FromException<int>(new SiloUnavailableException("Unable to connect")) : Task.FromResult(42),
            safeToRepeat: true, CancellationToken.None));

        Assert.Equal(42, result);
        Assert.Equal(4, calls);
        Assert.InRange(time.GetUtcNow() - TestClock.DefaultOrigin, TimeSpan.FromSeconds(1.75), TimeSpan.FromSeconds(2)); // paused 250 + 500 + 1000 ms
    }

    [Fact]
    public async Task A_call_that_never_answers_ends_as_a_timeout_when_the_budget_is_spent()
    {
        var time = new FakeTimeProvider(TestClock.DefaultOrigin);
        var budget = new ClusterCallBudget(time);

        await Assert.ThrowsAsync<TimeoutException>(() => DriveAsync(time, budget.RunAsync(
            () => new TaskCompletionSource<int>().Task, safeToRepeat: true, CancellationToken.None)));

        Assert.InRange(time.GetUtcNow() - TestClock.DefaultOrigin, ClusterCallBudget.Budget, ClusterCallBudget.Budget + Step);
    }

    [Fact]
    public async Task A_silo_that_keeps_failing_gets_its_last_failure_reported_before_the_budget_runs_out()
    {
        var time = new FakeTimeProvider(TestClock.DefaultOrigin);
        var budget = new ClusterCallBudget(time);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => DriveAsync(time, budget.RunAsync(
            () => Task.FromException<int>(new SiloUnavailableException("gone")), safeToRepeat: true, CancellationToken.None)));

        Assert.True(time.GetUtcNow() - TestClock.DefaultOrigin <= ClusterCallBudget.Budget);
    }

    [Fact]
    public async Task A_call_not_safe_to_repeat_and_a_PostgreSQL_outage_are_tried_once()
    {
        var budget = new ClusterCallBudget(new FakeTimeProvider(TestClock.DefaultOrigin));
        var calls = 0;

        await Assert.ThrowsAsync<SiloUnavailableException>(() => budget.RunAsync(
            () => { calls++; return Task.FromException<int>(new SiloUnavailableException("gone")); }, safeToRepeat: false, CancellationToken.None));
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => budget.RunAsync(
            () => { calls++; return Task.FromException<int>(new DependencyUnavailableException("PostgreSQL", "down")); }, safeToRepeat: true,
            CancellationToken.None));

        Assert.Equal(2, calls);
    }

    /// <summary>Moves the clock in small steps until <paramref name="task"/> ends (its pauses and timeouts run on that clock).</summary>
    private static async Task<T> DriveAsync<T>(FakeTimeProvider time, Task<T> task)
    {
        for (var i = 0; i < 1000 && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            if (!task.IsCompleted)
            {
                time.Advance(Step);
            }
        }

        return await task;
    }
}
