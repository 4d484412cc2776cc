namespace Avenir.Grains.Leads;

/// <summary>
/// A submission waiting for its transaction: the client it belongs to (the tenant its rows are written under), the
/// lead id it gets if stored, when it arrived, and the caller's answer, completed only once the transaction that
/// decided it has committed (or failed).
/// </summary>
internal sealed class PendingLead(Guid clientId, Guid leadId, LeadIntake intake, DateTimeOffset receivedAt)
{
    private readonly TaskCompletionSource<LeadIntakeResult> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid ClientId => clientId;

    public Guid LeadId => leadId;

    public LeadIntake Intake => intake;

    /// <summary>
    /// When it arrived, to PostgreSQL's microsecond: the first answer and every replay read back from
    /// <c>created_at</c> then carry the same instant.
    /// </summary>
    public DateTimeOffset ReceivedAt { get; } = receivedAt.AddTicks(-(receivedAt.Ticks % 10));

    /// <summary>What makes this submission "the same lead" as another (<see cref="LeadFingerprint"/>).</summary>
    public string Fingerprint { get; } = LeadFingerprint.Of(intake.Lead);

    /// <summary>An identical earlier submission counts as a duplicate when it arrived after this.</summary>
    public DateTimeOffset DuplicateSince => ReceivedAt - intake.DuplicateWindow;

    public Task<LeadIntakeResult> Answer => answer.Task;

    public void Answered(LeadIntakeResult result) => answer.TrySetResult(result);

    public void Failed(Exception exception) => answer.TrySetException(exception);
}
