using Avenir.Contracts.Outreach;
using Avenir.Contracts.Prospects;
using Avenir.Grains.Prospects;
using Avenir.Grains.Prospects.Industry;

namespace Avenir.Silo.Tests.Prospects.Grains;

/// <summary>The industry performance grain fed through the outreach event sink, its documented priority formula, and the score that reads it.</summary>
[Collection(ProspectClusterCollection.Name)]
public sealed class IndustryPerformanceGrainTests(ProspectClusterFixture fixture)
{
    [Theory]
    [InlineData(0, 0, 0, 50.00)] // nothing known: the middle
    [InlineData(100, 70, 15, 100.00)] // (15+1)/120 ≥ 10 % replies, (70+6)/120 ≥ 60 % opens: the most
    [InlineData(100, 60, 10, 91.67)] // (10+1)/120 = 9.2 % replies → 64.17; (60+6)/120 = 55 % opens → 27.5
    [InlineData(1000, 0, 0, 0.98)] // many emails, nothing back: near 0 (the prior still weighs 20 of 1020)
    [InlineData(10, 5, 2, 88.33)] // (2+1)/30 = 10 % replies → 70; (5+6)/30 = 36.7 % opens → 18.33
    public void The_priority_is_the_documented_formula(int contacted, int opened, int replied, double expected) =>
        Assert.Equal((decimal)expected, IndustryPriority.Compute(contacted, opened, replied));

    [Fact]
    public async Task Outreach_events_count_once_each_into_the_row_and_the_prospects_of_the_industry_score_by_its_priority()
    {
        var industry = "plomberie-" + Guid.NewGuid().ToString("N")[..8];
        var sink = new IndustryPerformanceEventSink(fixture.Grains);
        var emails = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        OutreachProspectEvent Event(int email, string action, TimeSpan? responseTime = null) =>
            new(Guid.NewGuid(), industry, action, Guid.Empty, emails[email], at, responseTime);

        foreach (var email in Enumerable.Range(0, 10))
        {
            await sink.PublishAsync(Event(email, OutreachActions.Sent));
        }

        foreach (var email in Enumerable.Range(0, 5))
        {
            await sink.PublishAsync(Event(email, OutreachActions.Opened));
        }

        await sink.PublishAsync(Event(0, OutreachActions.Opened)); // a second open of one email, or the event delivered twice
        await sink.PublishAsync(Event(0, OutreachActions.Replied, TimeSpan.FromHours(2)));
        await sink.PublishAsync(Event(1, OutreachActions.Replied, TimeSpan.FromHours(4)));
        await sink.PublishAsync(Event(2, OutreachActions.Bounced)); // not part of the aggregate
        await sink.PublishAsync(Event(3, OutreachActions.Sent) with { Industry = null }); // no industry, no aggregate

        var performance = await fixture.Grains.GetGrain<IIndustryPerformanceGrain>(industry).GetAsync();
        Assert.Equal((10, 5, 2, 50.00m, 20.00m, 3.00m, 88.33m),
            (performance.Contacted, performance.Opened, performance.Replied, performance.OpenRate, performance.ReplyRate,
             performance.AverageResponseTimeHours, performance.Priority));
        Task<object?> Column(string column) => OwnerSql.ScalarAsync(fixture.Database,
            $"SELECT {column} FROM prospect_industry_performance WHERE industry = $1", industry);
        Assert.Equal((10, 5, 2, 88.33m, 3.00m, 2),
            ((int)(await Column("total_contacted"))!, (int)(await Column("total_opened"))!, (int)(await Column("total_replied"))!,
             (decimal)(await Column("priority_score"))!, (decimal)(await Column("avg_response_time_hours"))!, (int)(await Column("response_time_samples"))!));

        // A prospect of the industry scores the industry signal from the priority: 12 × 88 / 100 = 10.56, shown to one decimal.
        var domain = $"plombier-{Guid.NewGuid().ToString("N")[..8]}.ca";
        var grain = fixture.Grains.GetGrain<IProspectGrain>(domain);
        await grain.MergeAsync([new ProspectRecord { Source = ProspectSources.Csv, Website = domain, SeenAt = at, Industry = industry }]);
        await grain.RescoreAsync();
        var part = (await grain.GetAsync())!.ScoreExplanation.Single(p => p.Signal == "industry");
        Assert.Equal(10.6, part.Points, 2);
    }
}
