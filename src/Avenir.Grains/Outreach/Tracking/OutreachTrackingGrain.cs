using Avenir.Grains.Outreach.Campaigns;
using Orleans.Concurrency;

namespace Avenir.Grains.Outreach.Tracking;

/// <inheritdoc cref="IOutreachTrackingGrain"/>
[StatelessWorker]
public sealed class OutreachTrackingGrain(TrackingTokens tokens, TenantDatabase database, IGrainFactory grains, TimeProvider time) : Grain,
    IOutreachTrackingGrain
{
    public async Task<bool> OpenAsync(string token, string? userAgent) =>
        tokens.Verify(token, TrackingPurpose.Open).Claims is { } claims
        && await CampaignOfAsync(claims.EmailId) is { } campaign
        && (await grains.GetGrain<ICampaignGrain>(campaign).RecordEngagementAsync(
            new(claims.EmailId, OutreachActions.Opened, null, userAgent, null))).Recorded;

    public async Task<string?> ClickAsync(string token, string? userAgent)
    {
        if (tokens.Verify(token, TrackingPurpose.Click).Claims is not { LinkIndex: { } index } claims
            || await CampaignOfAsync(claims.EmailId) is not { } campaign)
        {
            return null;
        }

        var result = await grains.GetGrain<ICampaignGrain>(campaign).RecordEngagementAsync(
            new(claims.EmailId, OutreachActions.Clicked, index, userAgent, null));
        return result.RedirectUrl;
    }

    public async Task<bool> UnsubscribeAsync(string token, string source)
    {
        if (tokens.Verify(token, TrackingPurpose.Unsubscribe).Claims is not { ProspectId: { } prospectId } claims)
        {
            return false;
        }

        if (await CampaignOfAsync(claims.EmailId) is { } campaign)
        {
            // The campaign grain suppresses, cancels the sequence, and its sinks mark the prospect do-not-contact.
            await grains.GetGrain<ICampaignGrain>(campaign).RecordEngagementAsync(
                new(claims.EmailId, OutreachActions.Unsubscribed, null, null, source));
            return true;
        }

        // The email row is gone (a deleted campaign): the token still unsubscribes its prospect, for good.
        await using (var transaction = await database.BeginForSystemAsync())
        {
            await CampaignEventRows.SuppressAsync(transaction, null, prospectId, SuppressionReasons.Unsubscribed, Guid.Empty, claims.EmailId, source,
                time.GetUtcNow());
            await transaction.CommitAsync();
        }

        await ProspectDoNotContactSink.MarkAsync(grains, database, prospectId);
        return true;
    }

    public async Task<UnsubscribeTokenInfo?> InspectUnsubscribeAsync(string token)
    {
        if (tokens.Verify(token, TrackingPurpose.Unsubscribe).Claims is not { ProspectId: { } prospectId } claims)
        {
            return null;
        }

        await using var transaction = await database.BeginForSystemAsync();
        var email = await TrackingRows.FindEmailAsync(transaction, claims.EmailId);
        var suppressed = await CampaignEventRows.IsSuppressedAsync(transaction, email?.Address, prospectId);
        return new(email?.Language ?? "en", suppressed);
    }

    private async Task<Guid?> CampaignOfAsync(Guid emailId)
    {
        await using var transaction = await database.BeginForSystemAsync();
        return (await TrackingRows.FindEmailAsync(transaction, emailId))?.CampaignId;
    }
}
