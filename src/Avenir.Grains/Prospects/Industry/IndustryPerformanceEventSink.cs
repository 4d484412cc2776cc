using Avenir.Contracts.Prospects;
using Avenir.Grains.Outreach.Campaigns;

namespace Avenir.Grains.Prospects.Industry;

/// <summary>
/// Feeds the campaign grain's prospect events to the prospect's industry grain (<see cref="IIndustryPerformanceGrain"/>).
/// A prospect without an industry has no aggregate. Registered by the silo next to <c>AddProspects</c>.
/// </summary>
public sealed class IndustryPerformanceEventSink(IGrainFactory grains) : IOutreachEventSink
{
    public async Task PublishAsync(OutreachProspectEvent outreachEvent)
    {
        ArgumentNullException.ThrowIfNull(outreachEvent);
        if (outreachEvent.Industry?.Trim() is not { Length: > 0 } industry)
        {
            return;
        }

        await grains.GetGrain<IIndustryPerformanceGrain>(industry).RecordAsync(outreachEvent);
    }
}
