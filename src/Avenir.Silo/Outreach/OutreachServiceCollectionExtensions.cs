using Avenir.Grains.Outreach.Sending;
using Avenir.Grains.Outreach.Templates;
using Avenir.Grains.Outreach.Tracking;
using Avenir.Grains.Outreach.Campaigns;
using Avenir.Grains.Outreach.Mailboxes;
using Avenir.Silo.Outreach.Campaigns;
using Avenir.Silo.Outreach.Composition;
using Avenir.Silo.Outreach.Dkim;
using Avenir.Silo.Outreach.Inbound;
using Avenir.Silo.Outreach.Sending;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the outreach components (<c>Outreach:*</c>): template engine, send limiter, tracking tokens and URLs,
/// composer (with DKIM when <c>Outreach:Dkim</c> is set), the per-mailbox sender factory (SMTP, Gmail API), the inbound
/// classifier and the IMAP watcher. Nothing here runs by itself: grains and jobs call these.
/// </summary>
public static class OutreachServiceCollectionExtensions
{
    public static IServiceCollection AddAvenirOutreach(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OutreachOptions>().BindConfiguration(OutreachOptions.Section);
        services.AddOptions<DkimOptions>().BindConfiguration(DkimOptions.Section);
        services.AddOptions<TrackingTokenOptions>().BindConfiguration(TrackingTokenOptions.Section)
            .Validate(
                o => o.BaseUrl is { IsAbsoluteUri: true },
                $"{TrackingTokenOptions.Section}:BaseUrl must be the API's public absolute URL (e.g. https://go.avenir.example).")
            .Validate(o => o.OpenLifetime > TimeSpan.Zero && o.ClickLifetime > TimeSpan.Zero, $"{TrackingTokenOptions.Section}: lifetimes must be positive.");

        services.TryAddSingleton(provider => new MailboxSendLimiter(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TrackingTokenOptions>>().Value;
            return new TrackingTokens(TrackingKeyRing.FromOptions(options), provider.GetRequiredService<TimeProvider>(), options);
        });
        services.TryAddSingleton(provider => new TrackingUrls(
            provider.GetRequiredService<IOptions<TrackingTokenOptions>>().Value.BaseUrl!, provider.GetRequiredService<TrackingTokens>()));
        services.TryAddSingleton(provider => new OutreachMessageComposer(
            provider.GetRequiredService<TrackingUrls>(),
            provider.GetRequiredService<TimeProvider>(),
            OutreachDkimSigner.FromOptions(provider.GetRequiredService<IOptions<DkimOptions>>().Value, provider.GetRequiredService<TimeProvider>())));

        services.AddOutreachGmailHttpClient();
        services.TryAddSingleton<IOutreachSenderFactory, OutreachSenderFactory>();
        services.TryAddSingleton<InboundMessageClassifier>();
        services.TryAddSingleton<ImapMailboxWatcher>();
        return services;
    }

    /// <summary>
    /// The campaign feature on top of the components (docs/decisions/0013): the mailboxes' configured limits for their
    /// grains, the send runner, the <c>bulk_email</c> and <c>outreach_inbound</c> handlers; with <paramref name="schedule"/>
    /// the scheduler that enqueues them every minute.
    /// </summary>
    public static IServiceCollection AddOutreachCampaigns(this IServiceCollection services, bool schedule = true)
    {
        services.AddAvenirOutreach();
        services.TryAddSingleton<IMailboxLimits, ConfiguredMailboxLimits>();
        services.TryAddSingleton<OutreachInboundQueries>();
        services.TryAddSingleton<CampaignSendRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutreachEventSink, ProspectDoNotContactSink>()); // unsubscribe, hard bounce
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutreachEventSink, SuppressionFanOutSink>()); // …stops every campaign now
        services.AddJobHandler<BulkEmailJobHandler>();
        services.AddJobHandler<OutreachInboundJobHandler>();
        if (schedule)
        {
            services.AddHostedService<OutreachJobsScheduler>();
        }

        return services;
    }
}
