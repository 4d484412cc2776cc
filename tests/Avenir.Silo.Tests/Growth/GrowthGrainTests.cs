using System.Text.Json;
using Avenir.Contracts.Clients;
using Avenir.Contracts.Growth;
using Avenir.Contracts.Leads;
using Avenir.Grains.Growth;
using Avenir.Silo.Tests.Infrastructure;
using Npgsql;
using Orleans.Runtime;

namespace Avenir.Silo.Tests.Growth;

/// <summary>The growth brain through the real grains on PostgreSQL: the recompute, the incremental path and the publication.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrowthGrainTests(ClusterFixture fixture)
{
    private string Owner => fixture.Database.OwnerConnectionString;

    /// <summary>
    /// Where the tests put the calendar (noon UTC, on the shared clock that only moves forward): every day of the week,
    /// and around a year boundary: 31 December, 1 January (ISO weeks and their Mondays straddle the new year), and the
    /// first Monday of January (its 8-week window reaches back into the old year).
    /// </summary>
    public static TheoryData<string> Origins() =>
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "12-31", "01-01", "first Monday of January"];

    private DateTimeOffset MoveClockTo(string origin)
    {
        var at = fixture.Clock.NextNoon(origin switch
        {
            "12-31" => day => day is { Month: 12, Day: 31 },
            "01-01" => day => day is { Month: 1, Day: 1 },
            "first Monday of January" => day => day is { Month: 1, Day: <= 7, DayOfWeek: DayOfWeek.Monday },
            _ => day => day.DayOfWeek == Enum.Parse<DayOfWeek>(origin),
        });
        fixture.Clock.StartAt(at);
        return at;
    }

    [Theory]
    [MemberData(nameof(Origins))]
    public async Task Recompute_of_a_known_set_of_leads_gives_the_figures_computed_by_hand(string origin)
    {
        var monday = new DateTimeOffset(GrowthWeeks.StartOf(MoveClockTo(origin)), TimeSpan.Zero);
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var lastWeek = monday.AddDays(-7);
        GrowthTestLeads.Row[] rows =
        [
            new(monday.AddHours(1), "en", "pricing_quote", "High", "Professional", 0.90m),
            new(monday.AddHours(2), "fr", "pricing_quote", "High", "Frustrated", 0.60m, Tag: "Hot Lead"),
            new(monday.AddHours(3), "fr", "appointment_booking", "Medium", "Friendly", 0.75m, Archived: true),
            new(monday.AddHours(4), "en"),
            new(monday.AddHours(5), "en", "spam", "High", "Professional", 0.99m, Deleted: true),
            new(lastWeek.AddHours(1), "en", "pricing_quote", "High", "Formal", 0.80m, Converted: true, Tag: "Converted"),
            new(lastWeek.AddHours(2), "en", "support_request", "Low", "Casual", 0.50m),
            new(lastWeek.AddHours(3), "fr", "general_inquiry", "Low", "Professional", 0.85m),
            new(monday.AddDays(-14).AddHours(1), "fr", "demo_request", "Medium", "Enthusiastic", 0.95m, Tag: "Warm"),
            new(monday.AddDays(-70), "en", "complaint", "High", "Frustrated", 0.40m),
        ];
        foreach (var row in rows)
        {
            await GrowthTestLeads.InsertAsync(Owner, clientId, row);
        }

        var report = (await fixture.Grains.GetGrain<IClientGrain>(clientId).RecomputeGrowthAsync())!;

        // By hand: 9 leads count (the deleted one never does), 8 of them enriched.
        Assert.Equal("recompute", report.Source);
        Assert.Equal(monday.AddDays(-49), report.PeriodStart);
        Assert.Equal(9, report.TotalLeads);
        Assert.Equal(8, report.EnrichedLeads);
        Assert.Equal(
            [new IntentShare("pricing_quote", 3, 0.375m), new IntentShare("appointment_booking", 1, 0.125m), new IntentShare("complaint", 1, 0.125m),
             new IntentShare("demo_request", 1, 0.125m), new IntentShare("general_inquiry", 1, 0.125m)],
            report.TopIntents);
        Assert.Equal(new UrgencyDistribution(4, 2, 2), report.Urgency);
        Assert.Equal(100m, report.UrgencyTrendPercentage); // 1 high-urgency lead last week, 2 this week
        Assert.Equal(3, report.OpenHighUrgency);            // the converted one is not open; the tagged one still is
        Assert.Equal(
            [new ToneShare("Frustrated", 2, 0.25m), new ToneShare("Professional", 2, 0.25m), new ToneShare("Casual", 1, 0.125m),
             new ToneShare("Enthusiastic", 1, 0.125m), new ToneShare("Formal", 1, 0.125m), new ToneShare("Friendly", 1, 0.125m)],
            report.Tones);
        Assert.Equal(64.4m, report.SentimentScore);     // (2×100 + 2×0 + 60 + 85 + 90 + 80) / 8 = 64.375
        Assert.Equal(0.719m, report.AverageConfidence); // 5.75 / 8 = 0.71875
        var weeks = report.Weeks.Select(week => (week.WeekStart, week.Leads, week.HighUrgency, week.AverageConfidence)).ToList();
        Assert.Equal(8, weeks.Count);
        Assert.Equal((DateOnly.FromDateTime(monday.AddDays(-49).UtcDateTime), 0L, 0L, (decimal?)null), weeks[0]);
        Assert.Equal((DateOnly.FromDateTime(monday.AddDays(-14).UtcDateTime), 1L, 0L, (decimal?)0.95m), weeks[5]);
        Assert.Equal((DateOnly.FromDateTime(lastWeek.UtcDateTime), 3L, 1L, (decimal?)0.717m), weeks[6]);     // 2.15 / 3
        Assert.Equal((DateOnly.FromDateTime(monday.UtcDateTime), 4L, 2L, (decimal?)0.75m), weeks[7]);        // 2.25 / 3
        Assert.All(weeks.Take(5), week => Assert.Equal((0L, 0L, (decimal?)null), (week.Leads, week.HighUrgency, week.AverageConfidence)));
        Assert.Equal(new LanguageRatio(55.6m, 44.4m), report.LanguageRatio); // 5 en, 4 fr
        Assert.Equal(43.1m, report.EngagementScore); // 50 × 4/9 + 30 × min(1, (1/9)/0.25) + 20 × 3/8 = 43.06
        Assert.Equal("rules", report.InsightsSource);
        Assert.Equal(
            [
                "Urgent leads up 100% this week; 3 high-urgency leads still open.",
                "Most common request: Pricing or quote request (37.5% of analysed leads).",
                "25% of leads sound frustrated: answer them first.",
                "Leads by language: 55.6% English, 44.4% French.",
                "Only 44.4% of leads were handled (tagged, archived or converted); engagement score 43.1/100.",
            ],
            report.Insights.En);
        Assert.Equal(
            [
                "Prospects urgents en hausse de 100\u202F% cette semaine\u202F; 3 prospects à urgence élevée toujours ouverts.",
                "Demande la plus fréquente\u00A0: «\u00A0Demande de prix ou de soumission\u00A0» (37,5\u202F% des prospects analysés).",
                "25\u202F% des prospects semblent frustrés\u00A0: répondez-leur en priorité.",
                "Prospects par langue\u00A0: 55,6\u202F% en anglais, 44,4\u202F% en français.",
                "Seulement 44,4\u202F% des prospects ont été traités (étiquetés, archivés ou convertis)\u202F; score d’engagement 43,1/100.",
            ],
            report.Insights.Fr);

        // Published at once: the growth_brain row carries the same figures.
        await using var connection = new NpgsqlConnection(Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT total_leads, urgency_trend_percentage, avg_confidence, engagement_score, top_intents->0->>'intent', "
            + "jsonb_array_length(confidence_trajectory), predictive_insights->'fr'->>0 FROM growth_brain WHERE client_id = $1",
            connection)
        { Parameters = { new() { Value = clientId } } };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((9, 100m, 0.719m, 43.1m, "pricing_quote", 8),
            (reader.GetInt32(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetString(4), reader.GetInt32(5)));
        Assert.Equal(report.Insights.Fr[0], reader.GetString(6));
    }

    [Theory]
    [MemberData(nameof(Origins))]
    public async Task Incremental_figures_equal_a_full_recompute_after_1000_random_lead_events(string origin)
    {
        var now = MoveClockTo(origin);
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);
        var random = new Random(20261125);
        var monday = new DateTimeOffset(GrowthWeeks.StartOf(now), TimeSpan.Zero);
        string?[] languages = ["en", "fr", null];
        string[] tags = ["Hot Lead", "Warm", "Cold", "VIP"];
        string Pick(IReadOnlyList<string> labels) => labels[random.Next(labels.Count)];
        var intents = LeadLabels.Intents.Keys.ToList();

        // Leads from before the events, five in each of the last 12 weeks (4 of them outside the 8-week window), at a
        // random moment of their week up to now, then the grain's starting point.
        var leads = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            var enriched = random.Next(4) > 0;
            var weekStart = monday.AddDays(-7 * (i % 12));
            var weekLength = (i % 12 == 0 ? now - monday : TimeSpan.FromDays(7)).TotalMinutes;
            leads.Add(await GrowthTestLeads.InsertAsync(Owner, clientId, new GrowthTestLeads.Row(
                weekStart.AddMinutes(random.NextDouble() * weekLength), languages[random.Next(3)],
                enriched ? Pick(intents) : null, enriched ? Pick(LeadLabels.Urgencies) : null, enriched ? Pick(LeadLabels.Tones) : null,
                enriched ? random.Next(0, 101) / 100m : null, Archived: random.Next(5) == 0, Converted: random.Next(6) == 0,
                Tag: random.Next(3) == 0 ? Pick(tags) : null)));
        }

        await client.RecomputeGrowthAsync();
        var applied = new Dictionary<string, int>();
        for (var i = 0; i < 1000; i++)
        {
            var roll = random.Next(100);
            if (roll < 12 || leads.Count == 0)
            {
                var leadId = await TestLeads.SubmitAsync(fixture.Grains, clientId, new LeadSubmission
                {
                    Name = "Lead " + i,
                    Email = $"lead{i}@example.ca",
                    Message = "Bonjour " + i,
                    Language = languages[random.Next(3)],
                });
                leads.Add(leadId);
                Count("create", true);
                continue;
            }

            var lead = leads[random.Next(leads.Count)];
            var grain = fixture.Grains.GetLeadGrain(clientId, lead);
            var performedBy = "owner@example.ca";
            switch (roll)
            {
                case < 27:
                    Count("enrich", await grain.ApplyEnrichmentAsync(new LeadEnrichment
                    {
                        JobId = Guid.NewGuid(),
                        Language = languages[random.Next(2)]!,
                        Intent = Pick(intents),
                        Tone = Pick(LeadLabels.Tones),
                        Urgency = Pick(LeadLabels.Urgencies),
                        Confidence = Math.Round((decimal)random.NextDouble(), 3),
                        Summary = "s",
                        Model = "test-model-1",
                    }));
                    break;
                case < 37:
                    Count("tag", (await grain.TagAsync(Pick(tags), performedBy)).Outcome == LeadCommandOutcome.Applied);
                    break;
                case < 45:
                    Count("archive", (await grain.ArchiveAsync(performedBy)).Outcome == LeadCommandOutcome.Applied);
                    break;
                case < 49:
                    Count("unarchive", (await grain.UnarchiveAsync(performedBy)).Outcome == LeadCommandOutcome.Applied);
                    break;
                case < 57:
                    Count("convert", (await grain.ConvertAsync(performedBy)).Outcome == LeadCommandOutcome.Applied);
                    break;
                case < 62:
                    Count("revert", (await grain.RevertConversionAsync("changed their mind", performedBy)).Outcome == LeadCommandOutcome.Applied);
                    break;
                case < 70:
                    Count("delete", (await grain.SoftDeleteAsync(performedBy)).Outcome == LeadCommandOutcome.Applied);
                    break;
                case < 76:
                    Count("restore", (await grain.RestoreAsync(performedBy)).Outcome == LeadCommandOutcome.Applied);
                    break;
                case < 80:
                    Count("reactivate", (await grain.ReactivateAsync(performedBy)).Outcome == LeadCommandOutcome.Applied);
                    break;
                case < 96:
                    Count("correct", (await grain.CorrectEnrichmentAsync(
                        random.Next(2) == 0 ? Pick(intents) : null, random.Next(2) == 0 ? Pick(LeadLabels.Urgencies).ToLowerInvariant() : null,
                        random.Next(2) == 0 ? Pick(LeadLabels.Tones) : null, performedBy)).Outcome == LeadCommandOutcome.Applied);
                    break;
                default:
                    Count("erase", await grain.EraseAsync(performedBy));
                    leads.Remove(lead);
                    break;
            }
        }

        var live = (await client.GetGrowthAsync())!;
        var recomputed = (await client.RecomputeGrowthAsync())!;

        Assert.Equal("incremental", live.Source);
        Assert.Equal("recompute", recomputed.Source);
        GrowthTestLeads.AssertSameFigures(recomputed, live);
        // The sequence really exercised every kind of event, and the figures are not trivial.
        Assert.All(new[] { "create", "enrich", "tag", "archive", "unarchive", "convert", "revert", "delete", "restore", "reactivate", "correct", "erase" },
            kind => Assert.True(applied.GetValueOrDefault(kind) > 0, $"no applied '{kind}' event"));
        Assert.True(recomputed.TotalLeads > 50 && recomputed.OpenHighUrgency > 0 && recomputed.Weeks.Count(week => week.Leads > 0) >= 6,
            JsonSerializer.Serialize(recomputed));

        void Count(string kind, bool wasApplied) => applied[kind] = applied.GetValueOrDefault(kind) + (wasApplied ? 1 : 0);
    }

    [Fact]
    public async Task Lead_events_reach_the_growth_figures_and_the_row_is_published_by_the_flush()
    {
        var clientId = await TestClients.RegisterAsync(fixture.Grains);
        var client = fixture.Grains.GetGrain<IClientGrain>(clientId);
        var leadId = await TestLeads.SubmitAsync(fixture.Grains, clientId, TestLeads.Submission("Urgent: fuite d'eau", "Luc", language: "fr"));
        var lead = fixture.Grains.GetLeadGrain(clientId, leadId);

        await lead.ApplyEnrichmentAsync(new LeadEnrichment
        {
            JobId = Guid.NewGuid(),
            Language = "fr",
            Intent = "service_inquiry",
            Tone = "Frustrated",
            Urgency = "High",
            Confidence = 0.876m,
            Summary = "Fuite",
            Model = "test-model-1",
        });
        var report = (await client.GetGrowthAsync())!;

        Assert.Equal("incremental", report.Source);
        // Stored with two decimals.
        Assert.Equal((1L, 1L, 1L, 0.88m), (report.TotalLeads, report.EnrichedLeads, report.OpenHighUrgency, report.AverageConfidence));
        Assert.Equal(new LanguageRatio(0, 100), report.LanguageRatio);

        // Publishing is the flush's work (every 5 s, and when the grain deactivates): deactivating the idle grains runs it now.
        // No recompute was asked for.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await using var connection = new NpgsqlConnection(Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(total_leads), 0) FROM growth_brain WHERE client_id = $1", connection)
        {
            Parameters = { new() { Value = clientId } },
        };
        var published = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(1, published);
    }
}
