namespace Avenir.Contracts.Outreach;

/// <summary>A campaign as its grain holds it, with its live metrics.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignSnapshot")]
public sealed record class CampaignSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ClientId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Status,
    [property: Id(4)] string? StatusReason,
    [property: Id(5)] CampaignTarget Target,
    [property: Id(6)] CampaignSettings Settings,
    [property: Id(7)] CampaignMetrics Metrics,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] CampaignAbStatus? AbTest);

/// <summary>The state of a campaign's template A/B test: counts per arm and, once decided, the winner.</summary>
/// <param name="Outcome"><c>running</c>, <c>winner</c>, <c>no_difference</c>.</param>
/// <param name="Winner"><c>a</c> or <c>b</c> once decided.</param>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignAbStatus")]
public sealed record class CampaignAbStatus(
    [property: Id(0)] string Outcome,
    [property: Id(1)] string? Winner,
    [property: Id(2)] int DeliveredA,
    [property: Id(3)] int RepliedA,
    [property: Id(4)] int ClickedA,
    [property: Id(5)] int DeliveredB,
    [property: Id(6)] int RepliedB,
    [property: Id(7)] int ClickedB,
    [property: Id(8)] string Reason);

/// <summary>What a campaign command did.</summary>
public enum CampaignOutcome
{
    Done,
    NotFound,
    AlreadyExists,

    /// <summary>The status does not allow it (e.g. completed → active); <see cref="CampaignCommandResult.Message"/> says which.</summary>
    InvalidTransition,

    /// <summary>The command's data is wrong (e.g. a template that does not exist); the message says what.</summary>
    Invalid,
}

[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Outreach.CampaignCommandResult")]
public sealed record class CampaignCommandResult(
    [property: Id(0)] CampaignOutcome Outcome,
    [property: Id(1)] string? Code = null,
    [property: Id(2)] string? Message = null)
{
    public static CampaignCommandResult Ok { get; } = new(CampaignOutcome.Done);

    public static CampaignCommandResult Missing { get; } = new(CampaignOutcome.NotFound, "campaign_not_found", "No such campaign.");
}
