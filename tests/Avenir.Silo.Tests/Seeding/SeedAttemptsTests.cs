using Avenir.Silo.Seeding;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Avenir.Silo.Tests.Seeding;

/// <summary>
/// A seed that fails while the silo starts under load is tried again instead of ending the silo (a background service
/// that throws stops its host: the fault test once saw a silo exit 0 mid-run).
/// </summary>
public sealed class SeedAttemptsTests
{
    [Fact]
    public async Task A_seed_that_fails_twice_is_tried_until_it_succeeds()
    {
        var attempts = 0;
        var waits = new List<int>();

        await SeedAttempts.RunUntilDoneAsync("test", _ =>
        {
            attempts++;
            return attempts < 3 ? throw new TimeoutException("pool at its cap") : Task.CompletedTask;
        }, failures =>
        {
            waits.Add(failures);
            return TimeSpan.Zero;
        }, new FakeTimeProvider(), NullLogger.Instance, CancellationToken.None);

        Assert.Equal(3, attempts);
        Assert.Equal([1, 2], waits);
    }

    [Fact]
    public async Task Stopping_the_silo_ends_the_attempts_without_an_exception()
    {
        using var stopping = new CancellationTokenSource();
        var attempts = 0;

        var seeding = SeedAttempts.RunUntilDoneAsync("test", _ =>
        {
            attempts++;
            throw new InvalidOperationException("down");
        }, _ => TimeSpan.FromMinutes(5), new FakeTimeProvider(), NullLogger.Instance, stopping.Token);
        await stopping.CancelAsync();
        await seeding;

        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(40, 30)]
    public void The_wait_doubles_from_one_second_up_to_thirty(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SeedAttempts.WaitAfter(failures));
}
