using Avenir.Contracts.Outreach;

namespace Avenir.Contracts.Prospects;

/// <summary>An industry's outreach results (<c>prospect_industry_performance</c>).</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Prospects.IndustryPerformance")]
public sealed record IndustryPerformance(
    [property: Id(0)] string Industry,
    [property: Id(1)] int Contacted,
    [property: Id(2)] int Opened,
    [property: Id(3)] int Replied,
    [property: Id(4)] decimal OpenRate,
    [property: Id(5)] decimal ReplyRate,
    [property: Id(6)] decimal? AverageResponseTimeHours,
    [property: Id(7)] decimal Priority);

/// <summary>
/// One industry's outreach aggregate (key: the industry exactly as prospects store it), the single writer of its
/// <c>prospect_industry_performance</c> row: counts sent, opened and replied events once each, keeps the rates and the
/// average response time, and the priority 0–100 (<c>IndustryPriority</c>) that prospects' scores read.
/// </summary>
[Alias("Avenir.Contracts.Prospects.IIndustryPerformanceGrain")]
public interface IIndustryPerformanceGrain : IGrainWithStringKey
{
    /// <summary>Counts the event (once per email and action; other actions are ignored); returns the aggregate after it.</summary>
    [Alias("Record")]
    Task<IndustryPerformance> RecordAsync(OutreachProspectEvent outreachEvent);

    [Alias("Get")]
    Task<IndustryPerformance> GetAsync();
}
