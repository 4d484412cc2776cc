using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Avenir.EndToEnd.Tests.Faults;
using Avenir.Testing.Stack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Avenir.EndToEnd.Tests;

/// <summary>
/// "Proof under load and faults" (docs/fault-tolerance.md): two silos, the API and PostgreSQL take a steady load of leads
/// for 60 s; one silo is killed (SIGKILL) at 20 s and PostgreSQL is restarted at 40 s. No acknowledged lead is lost or
/// stored twice, every job completes once, no reply is sent twice, no request waits more than 10 s, and a fault is
/// answered 503 + Retry-After, never another 5xx.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Fault")]
public sealed class FaultTests(ITestOutputHelper output)
{
    private const double LeadsPerSecond = 20;
    private const int MaxInFlight = 64;

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RunLength = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan KillAt = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PostgresRestartAt = TimeSpan.FromSeconds(40);

    /// <summary>The client's patience, and the target: no request waits longer (it gets an answer, a 503 at worst, before).</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Target: a request sent after the kill is acknowledged within this of it.</summary>
    private static readonly TimeSpan AcknowledgedAgainWithin = TimeSpan.FromSeconds(10);

    /// <summary>Stated: PostgreSQL, the API and the live silo are all healthy again within this of the restart.</summary>
    private static readonly TimeSpan HealthyAgainWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_silo_killed_and_PostgreSQL_restarted_under_load_lose_no_lead_double_nothing_and_keep_every_wait_under_10_seconds()
    {
        var stack = new AvenirStack();
        try
        {
            using var deadline = new CancellationTokenSource(Deadline);
            var starting = Stopwatch.StartNew();
            await using var app = await StartAsync(stack, deadline.Token);
            var startedIn = starting.Elapsed;
            var silos = ClusterProbe.Silos(app);
            Assert.Equal(["silo-0", "silo-1"], silos);
            using var stopKeepingLogs = new CancellationTokenSource();
            var keepingLogs = ResourceLogs.KeepAsync(app, app.Services.GetRequiredService<DistributedApplicationModel>().Resources, stopKeepingLogs.Token);
            using var load = new IntakeLoad(app.GetEndpoint("api", "http"), AvenirStack.DemoApiKey, LeadsPerSecond, MaxInFlight, RequestTimeout);
            var running = load.RunAsync(RunLength, deadline.Token);

            await load.WaitForMarkAsync(KillAt - TimeSpan.FromSeconds(2), deadline.Token);
            var killed = await ClusterProbe.IntakeSiloAsync(app, deadline.Token) ?? silos[0];
            await load.WaitForMarkAsync(KillAt, deadline.Token);
            ProcessTree.Kill(ClusterProbe.Pid(app, killed));
            var killedAt = load.Elapsed;
            string[] alive = [.. silos.Where(silo => silo != killed), "api"];

            await load.WaitForMarkAsync(PostgresRestartAt, deadline.Token);
            var restartedAt = load.Elapsed;
            await PostgresRestart.RestartAsync(app, deadline.Token);
            await WaitUntilAsync(() => ClusterProbe.AllHealthyAsync(app, alive, deadline.Token), deadline.Token);
            var healthyAfterRestart = load.Elapsed - restartedAt;
            await running;

            // The killed silo is started again, as its supervisor would, and rejoins while the jobs drain.
            var runEnded = load.Elapsed;
            var restarted = await app.Services.GetRequiredService<ResourceCommandService>()
                .ExecuteCommandAsync(killed, KnownResourceCommands.StartCommand, deadline.Token);
            Assert.True(restarted.Success, restarted.Message);
            var rejoining = TimeUntilAsync(load, () => ClusterProbe.AllHealthyAsync(app, [killed], deadline.Token), deadline.Token);

            var connectionString = await app.GetConnectionStringAsync(PostgresRestart.Resource, deadline.Token)
                ?? throw new InvalidOperationException("no connection string");
            var stored = await WaitForJobsToEndAsync(connectionString, load.EmailPrefix, deadline.Token);
            var drainedIn = load.Elapsed - runEnded;
            var rejoined = await rejoining - runEnded;
            var inbox = await MailInbox.MessagesPerRecipientAsync(stack.MailInbox, deadline.Token);

            var marks = new FaultMarks(killed, killedAt, restartedAt, RunLength, healthyAfterRestart, rejoined, startedIn, drainedIn);
            var figures = FaultFigures.Of(load, marks, stored, inbox);
            Report(figures, load, marks);
            await stopKeepingLogs.CancelAsync();
            await keepingLogs;

            Assert.Equal(0, figures.Lost);
            Assert.Equal(0, figures.Duplicated);
            Assert.True(figures.Acknowledged > LeadsPerSecond * RunLength.TotalSeconds * 0.8, $"most leads acknowledged: {figures}");
            Assert.All(stored, lead =>
            {
                Assert.Equal(1, lead.CreatedActions);
                Assert.Equal(2, lead.Jobs);
                Assert.Equal(2, lead.CompletedJobs);
                Assert.Equal("completed", lead.EnrichmentStatus);
                Assert.True(lead.HasIntent);
                Assert.Equal(1, lead.Tones); // the enrichment was applied once, however often its job ran
            });

            // At most once: a reply recorded as sent is in the inbox exactly once; an unconfirmed one at most once; none twice.
            Assert.All(stored, lead =>
            {
                var messages = inbox.GetValueOrDefault(lead.Email);
                switch (lead.AutoReplyStatus)
                {
                    case "sent":
                        Assert.Equal(1, messages);
                        break;
                    case "unconfirmed":
                        Assert.InRange(messages, 0, 1);
                        break;
                    default:
                        Assert.Equal(0, messages);
                        break;
                }
            });
            Assert.True(figures.RepliesSent > 0, "replies were sent");

            Assert.Equal(0, figures.OtherServerErrors);
            Assert.Equal(0, figures.UnavailableWithoutRetryAfter);
            Assert.Equal(0, figures.TimedOut);
            Assert.True(figures.LongestWait < RequestTimeout, $"no request waited {RequestTimeout.TotalSeconds} s: {figures}");
            Assert.True(figures.AcknowledgedAgainAfterKill <= AcknowledgedAgainWithin, $"2xx again within {AcknowledgedAgainWithin} of the kill: {figures}");
            Assert.True(figures.UnavailableAfterKill <= AcknowledgedAgainWithin, $"intake unavailable at most {AcknowledgedAgainWithin}: {figures}");
            Assert.True(figures.HealthyAfterRestart <= HealthyAgainWithin, $"healthy within {HealthyAgainWithin} of the restart: {figures}");
        }
        finally
        {
            stack.DeleteData();
        }
    }

    /// <summary>
    /// The stack with what a 60 s load needs and production does not: intake limits that the load never meets, a per-client
    /// reply limit above it (so replies go out during the faults rather than being withheld after the 30th), and an inbox
    /// that keeps every message (smtp4dev keeps 100 by default).
    /// </summary>
    private static async Task<DistributedApplication> StartAsync(AvenirStack stack, CancellationToken cancellationToken)
    {
        var app = await stack.BuildAsync(
            ["--Intake:PermitsPerKeyPerMinute=1000000", "--Intake:PermitsPerIpPerMinute=1000000"], silos: 2, cancellationToken,
            builder =>
            {
                // The services' logs go to files (ResourceLogs); the health checks' expected failures during the faults stay out of the test output.
                builder.Services.AddLogging(logging => logging.AddFilter((category, _) => category is not null
                    && !category.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal)
                    && !category.Contains(".Resources.", StringComparison.Ordinal)));
                foreach (var silo in builder.Resources.OfType<ProjectResource>().Where(r => r.Name.StartsWith("silo", StringComparison.Ordinal)))
                {
                    builder.CreateResourceBuilder(silo).WithEnvironment("AutoReply__Limits__PerClientPerHour", "1000000");
                }

                builder.CreateResourceBuilder(builder.Resources.OfType<ExecutableResource>().Single(r => r.Name == "mail"))
                    .WithArgs("--messagestokeep=1000000");
            });
        await app.StartAsync(cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", cancellationToken);
        return app;
    }

    /// <summary>Every stored lead of the run has its two jobs ended (completed, or failed: then the assertions say which).</summary>
    private static async Task<List<StoredLead>> WaitForJobsToEndAsync(string connectionString, string emailPrefix, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stored = await StoredLeads.ReadAsync(connectionString, emailPrefix, cancellationToken);
            if (stored.All(lead => lead.CompletedJobs + lead.FailedJobs == lead.Jobs))
            {
                return stored;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>The run's time once <paramref name="condition"/> holds.</summary>
    private static async Task<TimeSpan> TimeUntilAsync(IntakeLoad load, Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        await WaitUntilAsync(condition, cancellationToken);
        return load.Elapsed;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>
    /// The figures line and the seconds around each fault, also kept beside the test assembly: a passing test's output is
    /// shown only at a detailed verbosity.
    /// </summary>
    private void Report(FaultFigures figures, IntakeLoad load, FaultMarks marks)
    {
        var attempts = load.Attempts.ToList();
        var second = TimeSpan.FromSeconds(1);
        string[] lines =
        [
            figures.ToString(),
            .. IntakeAvailability.Timeline(attempts, Whole(marks.KilledAt) - 2 * second, Whole(marks.KilledAt) + 10 * second),
            .. IntakeAvailability.Timeline(attempts, Whole(marks.PostgresRestartedAt) - 2 * second, Whole(marks.PostgresRestartedAt) + 8 * second),
        ];
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        File.AppendAllLines(Path.Combine(AppContext.BaseDirectory, "fault-figures.log"),
            ["--- fault run", .. lines]);
    }

    private static TimeSpan Whole(TimeSpan time) => TimeSpan.FromSeconds(Math.Floor(time.TotalSeconds));
}

/// <summary>The fault scenario runs alone: another stack on the same two cores would blur every timing it measures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "Fault scenario, alone";
}
