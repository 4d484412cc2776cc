using System.Globalization;

namespace Avenir.EndToEnd.Tests.Faults;

/// <summary>The figures of one run of the fault scenario, printed as one line (docs/fault-tolerance.md keeps the last ones).</summary>
public sealed record FaultFigures
{
    public required int Posted { get; init; }

    public required int Acknowledged { get; init; }

    /// <summary>Acknowledged leads missing from <c>lead_memory</c>.</summary>
    public required int Lost { get; init; }

    /// <summary>Leads of the run stored more than once (each has its own email).</summary>
    public required int Duplicated { get; init; }

    /// <summary>Leads still refused when the run ended (never acknowledged: the poster was told, not lost).</summary>
    public required int NeverAcknowledged { get; init; }

    public required int Requests { get; init; }

    /// <summary>Retries acknowledged from an earlier post of the same key (the earlier one had committed).</summary>
    public required int Replayed { get; init; }

    public required TimeSpan LongestWait { get; init; }

    public required int TimedOut { get; init; }

    public required int Unavailable { get; init; }

    public required int UnavailableWithoutRetryAfter { get; init; }

    public required int OtherServerErrors { get; init; }

    public required string KilledSilo { get; init; }

    public required TimeSpan? AcknowledgedAgainAfterKill { get; init; }

    public required TimeSpan UnavailableAfterKill { get; init; }

    public required TimeSpan? AcknowledgedAgainAfterRestart { get; init; }

    public required TimeSpan UnavailableAfterRestart { get; init; }

    /// <summary>From the PostgreSQL restart until PostgreSQL, the API and the live silo all answer <c>/health</c> with 200.</summary>
    public required TimeSpan HealthyAfterRestart { get; init; }

    /// <summary>From the killed silo's start command until it answers <c>/health</c> with 200 (it rejoined the cluster).</summary>
    public required TimeSpan KilledSiloRejoined { get; init; }

    /// <summary>From the AppHost's start until the API was healthy.</summary>
    public required TimeSpan StackStartedIn { get; init; }

    /// <summary>From the end of the load until every stored lead's two jobs had ended.</summary>
    public required TimeSpan JobsDrainedIn { get; init; }

    public required int RepliesSent { get; init; }

    /// <summary>Replies interrupted between their reservation and their record (at most one message each, maybe none).</summary>
    public required int RepliesUnconfirmed { get; init; }

    public required int RepliesInInbox { get; init; }

    /// <summary>The figures of a run: what the posters saw, what PostgreSQL holds and what reached the inbox.</summary>
    public static FaultFigures Of(IntakeLoad load, FaultMarks marks, IReadOnlyList<StoredLead> stored, IReadOnlyDictionary<string, int> inbox)
    {
        var attempts = load.Attempts.ToList();
        var byEmail = stored.ToLookup(lead => lead.Email, StringComparer.OrdinalIgnoreCase);
        var acknowledged = load.Acknowledged.ToDictionary();
        return new FaultFigures
        {
            Posted = load.Posted,
            Acknowledged = acknowledged.Count,
            Lost = acknowledged.Count(ack => !byEmail[load.Email(ack.Key)].Any(lead => lead.Id == ack.Value)),
            Duplicated = byEmail.Count(leads => leads.Count() > 1),
            NeverAcknowledged = load.Posted - acknowledged.Count,
            Requests = attempts.Count,
            Replayed = attempts.Count(a => a.Replayed),
            LongestWait = IntakeAvailability.LongestWait(attempts),
            TimedOut = attempts.Count(a => a.Status == IntakeAttempt.TimedOut),
            Unavailable = IntakeAvailability.UnavailableAnswers(attempts),
            UnavailableWithoutRetryAfter = IntakeAvailability.UnavailableWithoutRetryAfter(attempts),
            OtherServerErrors = IntakeAvailability.OtherServerErrors(attempts),
            KilledSilo = marks.KilledSilo,
            AcknowledgedAgainAfterKill = IntakeAvailability.FirstAcknowledgedAfter(attempts, marks.KilledAt),
            UnavailableAfterKill = IntakeAvailability.LongestOutage(attempts, marks.KilledAt, marks.PostgresRestartedAt),
            AcknowledgedAgainAfterRestart = IntakeAvailability.FirstAcknowledgedAfter(attempts, marks.PostgresRestartedAt),
            UnavailableAfterRestart = IntakeAvailability.LongestOutage(attempts, marks.PostgresRestartedAt, marks.RunEnd),
            HealthyAfterRestart = marks.HealthyAfterRestart,
            KilledSiloRejoined = marks.KilledSiloRejoined,
            StackStartedIn = marks.StackStartedIn,
            JobsDrainedIn = marks.JobsDrainedIn,
            RepliesSent = stored.Count(lead => lead.AutoReplyStatus == "sent"),
            RepliesUnconfirmed = stored.Count(lead => lead.AutoReplyStatus == "unconfirmed"),
            RepliesInInbox = stored.Sum(lead => inbox.GetValueOrDefault(lead.Email)),
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"fault figures: posted={Posted} acknowledged={Acknowledged} lost={Lost} duplicated={Duplicated} never_acknowledged={NeverAcknowledged} "
        + $"requests={Requests} replayed={Replayed} max_wait_s={LongestWait.TotalSeconds:0.00} timed_out={TimedOut} "
        + $"503={Unavailable} 503_without_retry_after={UnavailableWithoutRetryAfter} other_5xx={OtherServerErrors} killed={KilledSilo} "
        + $"2xx_again_after_kill_s={Seconds(AcknowledgedAgainAfterKill)} max_unavailable_after_kill_s={UnavailableAfterKill.TotalSeconds:0.00} "
        + $"2xx_again_after_pg_restart_s={Seconds(AcknowledgedAgainAfterRestart)} "
        + $"max_unavailable_after_pg_restart_s={UnavailableAfterRestart.TotalSeconds:0.00} healthy_after_pg_restart_s={HealthyAfterRestart.TotalSeconds:0.00} "
        + $"killed_silo_rejoined_s={KilledSiloRejoined.TotalSeconds:0.00} replies_sent={RepliesSent} replies_unconfirmed={RepliesUnconfirmed} "
        + $"inbox_messages={RepliesInInbox} stack_started_s={StackStartedIn.TotalSeconds:0.0} jobs_drained_s={JobsDrainedIn.TotalSeconds:0.0}");

    private static string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "never";
}

/// <summary>When the scenario did what, in the run's time, and what it waited for.</summary>
public sealed record FaultMarks(
    string KilledSilo, TimeSpan KilledAt, TimeSpan PostgresRestartedAt, TimeSpan RunEnd, TimeSpan HealthyAfterRestart, TimeSpan KilledSiloRejoined,
    TimeSpan StackStartedIn, TimeSpan JobsDrainedIn);
