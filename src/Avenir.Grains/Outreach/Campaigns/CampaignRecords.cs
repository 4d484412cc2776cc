namespace Avenir.Grains.Outreach.Campaigns;

/// <summary>An <c>outreach_campaigns</c> row; <c>target_criteria</c> and <c>metadata</c> as their JSON text.</summary>
public sealed record CampaignRow(
    Guid Id, Guid ClientId, string Name, string Status, string? StatusReason, string TargetCriteria, string Metadata, string AbWinners,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The counters of an <c>outreach_metrics</c> row.</summary>
public sealed record MetricsRow(
    int TotalEmailsSent, int TotalEmailsOpened, int TotalEmailsClicked, int TotalEmailsReplied, int TotalEmailsBounced,
    int TotalEmailsUnsubscribed, decimal RevenueGenerated);

/// <summary>A prospect a campaign targets, with what its templates may use (<c>prospect_candidates</c>).</summary>
public sealed record TargetProspect(
    Guid Id, string BusinessName, string Website, string? ContactEmail, string? Industry, string? Region, string Language,
    string? ContactFirstName, string? ContactLastName, string? City, string? TimeZone);

/// <summary>An email to insert (one step of one prospect's sequence).</summary>
public sealed record NewEmail(
    Guid Id, Guid ProspectId, string? ProspectEmail, string? ProspectName, string CompanyName, string Website, Guid TemplateId,
    string Subject, string Html, string Text, int Step, string SenderEmail, bool MissingEmail, string Language, string TimeZone,
    string? AbArm);

/// <summary>An email as the send path and the event recorders need it (with its prospect's industry).</summary>
public sealed record EmailRow(
    Guid Id, Guid ProspectId, string Status, string? ProspectEmail, string? ProspectName, string Subject, string Content,
    string? PlainContent, int FollowUpSequence, string? Language, string? RecipientTimeZone, DateTimeOffset? ScheduledAt,
    DateTimeOffset? SentAt, string? MessageId, string? ThreadId, IReadOnlyList<string> MessageReferences, string TrackedLinks,
    bool MissingEmail, int SoftBounceCount, string? Industry, string? AbArm, DateTimeOffset? OpenedAt, DateTimeOffset? ClickedAt,
    DateTimeOffset? RepliedAt, DateTimeOffset? BouncedAt);

/// <summary>The previous step of a sequence: what a follow-up threads on.</summary>
public sealed record ParentEmail(string? MessageId, IReadOnlyList<string> MessageReferences, string? ThreadId, DateTimeOffset? SentAt);

/// <summary>An email a status change touched.</summary>
public sealed record ChangedEmail(Guid Id, Guid ProspectId, int FollowUpSequence, string Subject);
