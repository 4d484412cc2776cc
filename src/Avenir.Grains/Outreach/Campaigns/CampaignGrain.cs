using System.Text.Json;
using Avenir.Grains.Outreach.Templates;
using Avenir.Grains.Outreach.Tracking;

namespace Avenir.Grains.Outreach.Campaigns;

/// <inheritdoc cref="ICampaignGrain"/>
/// <remarks>
/// The row is the truth: the grain keeps no Orleans state of its own, it loads its campaign and metrics at activation
/// and, being their only writer, changes its in-memory copy only after each transaction committed.
/// </remarks>
public sealed partial class CampaignGrain(
    TenantDatabase database,
    TimeProvider time,
    TrackingUrls trackingUrls,
    IEnumerable<IOutreachEventSink> eventSinks,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain
{
    private CampaignRow? campaign;
    private CampaignTarget target = CampaignTarget.Everyone;
    private CampaignSettings? settings;
    private CampaignCounters counters = new();

    private Guid CampaignId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await LoadAsync(transaction, cancellationToken);
    }

    public async Task<CampaignCommandResult> CreateAsync(CampaignDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (campaign is not null)
        {
            return new(CampaignOutcome.AlreadyExists, "campaign_exists", "A campaign with this id exists.");
        }

        if (CampaignRules.Check(draft.Name, draft.Settings) is { } problem)
        {
            return new(CampaignOutcome.Invalid, problem.Code, problem.Message);
        }

        await using var transaction = await database.BeginForSystemAsync();
        if (await MissingTemplateAsync(transaction, draft.Settings) is { } missing)
        {
            return new(CampaignOutcome.Invalid, "unknown_template", $"No email template {missing}.");
        }

        if (!await CampaignRows.InsertAsync(transaction, CampaignId, draft with { Name = draft.Name.Trim() }, time.GetUtcNow()))
        {
            return new(CampaignOutcome.AlreadyExists, "campaign_exists", "A campaign with this id exists.");
        }

        await LoadAsync(transaction);
        await transaction.CommitAsync();
        logger.LogInformation("Campaign {CampaignId} '{Name}' created for client {ClientId}", CampaignId, draft.Name, draft.ClientId);
        return CampaignCommandResult.Ok;
    }

    public Task<CampaignSnapshot?> GetAsync() => Task.FromResult(Snapshot());

    public Task<CampaignMetrics> GetMetricsAsync() => Task.FromResult(counters.Metrics());

    public async Task<CampaignCommandResult> UpdateAsync(string name, CampaignTarget target, CampaignSettings settings)
    {
        if (campaign is null)
        {
            return CampaignCommandResult.Missing;
        }

        if (!CampaignRules.CanEdit(campaign.Status))
        {
            return new(CampaignOutcome.InvalidTransition, "campaign_not_editable", $"A {campaign.Status} campaign cannot be edited; pause it first.");
        }

        if (CampaignRules.Check(name, settings) is { } problem)
        {
            return new(CampaignOutcome.Invalid, problem.Code, problem.Message);
        }

        await using var transaction = await database.BeginForSystemAsync();
        if (await MissingTemplateAsync(transaction, settings) is { } missing)
        {
            return new(CampaignOutcome.Invalid, "unknown_template", $"No email template {missing}.");
        }

        await CampaignRows.UpdateDefinitionAsync(transaction, CampaignId, name.Trim(), target, settings, time.GetUtcNow());
        await LoadAsync(transaction);
        await transaction.CommitAsync();
        return CampaignCommandResult.Ok;
    }

    public async Task<CampaignCommandResult> ChangeStatusAsync(string status)
    {
        if (campaign is null)
        {
            return CampaignCommandResult.Missing;
        }

        if (campaign.Status == status)
        {
            return CampaignCommandResult.Ok;
        }

        if (!CampaignStatuses.All.Contains(status) || !CampaignRules.CanMove(campaign.Status, status))
        {
            return new(CampaignOutcome.InvalidTransition, "invalid_transition", $"A {campaign.Status} campaign cannot become {status}.");
        }

        await SetStatusAsync(status, reason: null);
        return CampaignCommandResult.Ok;
    }

    private async Task SetStatusAsync(string status, string? reason)
    {
        await using var transaction = await database.BeginForSystemAsync();
        await CampaignRows.UpdateStatusAsync(transaction, CampaignId, status, reason, time.GetUtcNow());
        await LoadAsync(transaction);
        await transaction.CommitAsync();
        logger.LogInformation("Campaign {CampaignId} is now {Status} ({Reason})", CampaignId, status, reason ?? "by request");
    }

    private async Task LoadAsync(TenantTransaction transaction, CancellationToken cancellationToken = default)
    {
        campaign = await CampaignRows.FindAsync(transaction, CampaignId, cancellationToken);
        if (campaign is null)
        {
            return;
        }

        target = JsonSerializer.Deserialize<CampaignTarget>(campaign.TargetCriteria, Sql.Json) ?? CampaignTarget.Everyone;
        settings = JsonSerializer.Deserialize<CampaignSettings>(campaign.Metadata, Sql.Json);
        LoadAbWinners(campaign.AbWinners);
        counters = CampaignCounters.From(await CampaignRows.FindMetricsAsync(transaction, campaign.ClientId, CampaignId, cancellationToken));
    }

    private static async Task<Guid?> MissingTemplateAsync(TenantTransaction transaction, CampaignSettings settings)
    {
        Guid?[] ids = [settings.TemplateEn, settings.TemplateFr, settings.FollowUpTemplateEn, settings.FollowUpTemplateFr,
            settings.AbTemplateEn, settings.AbTemplateFr];
        foreach (var id in ids.OfType<Guid>())
        {
            if (await EmailTemplateRows.FindContentAsync(transaction, id) is null)
            {
                return id;
            }
        }

        return null;
    }

    private CampaignSnapshot? Snapshot() => campaign is null || settings is null
        ? null
        : new(campaign.Id, campaign.ClientId, campaign.Name, campaign.Status, campaign.StatusReason, target, settings, counters.Metrics(),
            campaign.CreatedAt, campaign.UpdatedAt, null);

    /// <summary>Writes the totals of <paramref name="next"/> in the transaction (the caller commits, then adopts them).</summary>
    private Task WriteMetricsAsync(TenantTransaction transaction, CampaignCounters next) =>
        CampaignRows.WriteMetricsAsync(transaction, campaign!.ClientId, CampaignId, next.Metrics(), time.GetUtcNow());

    /// <summary>
    /// Ends a transaction that may have added bounces: pauses an active campaign whose bounce rate crossed the threshold,
    /// writes the totals and commits. The send path and the inbound path both end this way.
    /// </summary>
    private async Task<bool> CommitPausingOnBouncesAsync(TenantTransaction transaction, CampaignCounters next, DateTimeOffset now)
    {
        var pause = campaign!.Status == CampaignStatuses.Active && CampaignRules.ShouldAutoPause(next.Metrics(), settings!);
        if (pause)
        {
            await CampaignRows.UpdateStatusAsync(transaction, CampaignId, CampaignStatuses.Paused, CampaignStatuses.PausedForBounceRate, now);
        }

        await WriteMetricsAsync(transaction, next);
        await transaction.CommitAsync();
        return pause;
    }

    /// <summary>Adopts what <see cref="CommitPausingOnBouncesAsync"/> committed into the live state.</summary>
    private void AdoptCommitted(CampaignCounters next, bool paused, DateTimeOffset now)
    {
        counters = next;
        if (paused)
        {
            campaign = campaign! with { Status = CampaignStatuses.Paused, StatusReason = CampaignStatuses.PausedForBounceRate, UpdatedAt = now };
            logger.LogWarning("Campaign {CampaignId} paused: bounce rate {Rate} % ≥ {Threshold} %", CampaignId, counters.Metrics().BounceRate,
                settings!.BounceRatePauseThreshold);
        }
    }

    private async Task PublishAsync(IEnumerable<OutreachProspectEvent> events)
    {
        foreach (var outreachEvent in events)
        {
            foreach (var sink in eventSinks)
            {
                try
                {
                    await sink.PublishAsync(outreachEvent);
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Outreach event {Action} of email {EmailId} not delivered to {Sink}",
                        outreachEvent.Action, outreachEvent.EmailId, sink.GetType().Name);
                }
            }
        }
    }

    private OutreachProspectEvent Event(EmailRow email, string action, DateTimeOffset at) =>
        new(email.ProspectId, email.Industry, action, CampaignId, email.Id, at,
            action == OutreachActions.Replied && email.SentAt is { } sent ? at - sent : null);
}
