namespace Avenir.Silo.Prospects.Queue;

/// <summary><c>Prospects:DailyQueue</c>.</summary>
public sealed class DailyProspectQueueOptions
{
    public const string Section = "Prospects:DailyQueue";

    /// <summary>Prospects selected per day (issue 11: at least 16).</summary>
    public int Size { get; set; } = 16;
}

/// <summary>The <c>daily_prospect_queue</c> job's payload: the day (UTC) it selects for.</summary>
public sealed record DailyProspectQueuePayload(DateOnly Date);

/// <summary>The job's result: the day, how many it queued, and whether this run selected them or found the day done.</summary>
public sealed record DailyProspectQueueResult(DateOnly Date, int Selected, bool AlreadySelected);
