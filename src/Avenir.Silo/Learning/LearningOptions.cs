namespace Avenir.Silo.Learning;

/// <summary>Configuration section <c>Learning</c> (docs/learning-loop.md).</summary>
public sealed class LearningOptions
{
    public const string Section = "Learning";

    /// <summary>
    /// A prediction nobody corrected counts as confirmed once it is this old (7 days): before that, it may simply not
    /// have been looked at yet, and counting it would inflate the accuracy.
    /// </summary>
    public TimeSpan ConfirmationWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// After a positive outcome (conversion, reply to the auto-reply) the lead has been handled by a person: its
    /// uncorrected prediction counts as confirmed once the outcome is this old (1 day), leaving time to fix labels.
    /// </summary>
    public TimeSpan SignalGrace { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Rows read and updated per transaction by the jobs.</summary>
    public int BatchSize { get; set; } = 500;
}
