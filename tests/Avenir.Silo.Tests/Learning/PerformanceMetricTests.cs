using System.Globalization;
using Avenir.Infrastructure.Database;
using Avenir.Infrastructure.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Avenir.Silo.Tests.Learning;

/// <summary>The in-process recorder, its writer and its flusher, on a real database as the application role.</summary>
public sealed class PerformanceMetricTests(LearningDatabaseFixture fixture) : IClassFixture<LearningDatabaseFixture>
{
    [Fact]
    public async Task Concurrent_records_become_one_row_per_key_per_flush_with_exact_count_sum_min_and_max()
    {
        await using var services = Services();
        var recorder = services.GetRequiredService<PerformanceRecorder>();
        var flusher = services.GetRequiredService<PerformanceMetricsFlusher>();
        var client = await fixture.CreateClientAsync();
        var component = Unique("concurrency");
        var keys = new[]
        {
            new MetricKey(PerformanceMetricNames.ApiResponse, PerformanceMetricNames.ResponseTime, component, client),
            new MetricKey(PerformanceMetricNames.ApiResponse, PerformanceMetricNames.ResponseTime, component, null),
        };

        // 8 threads × 2,500 measurements: values 1..2,500 on each key, every 10th one an error.
        const int threads = 8, perThread = 2500;
        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var i = 1; i <= perThread; i++)
            {
                recorder.Record(keys[(t + i) % 2], i, success: i % 10 != 0);
            }
        })));
        var written = await flusher.FlushAsync();

        Assert.Equal(2, written);
        Assert.Equal(2, await fixture.CountAsync("SELECT count(*) FROM performance_metrics WHERE source_component = $1", component));
        // Each key got half of every thread's values: count 10,000, sum 8 × (1+…+2,500) / 2, errors 1,000.
        const long count = threads * perThread / 2;
        const double sum = threads * (perThread * (perThread + 1) / 2.0) / 2;
        foreach (var scope in new[] { "client_id = $2", "client_id IS NULL" })
        {
            Assert.Equal(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"api_response|response_time|ms|{count}|{sum}|1|2500|{sum / count:0.000}|{Math.Round(sum / count)}|0.900|1000"),
                await fixture.ScalarAsync(
                    $"""
                    SELECT concat_ws('|', event_type, metric_name, metric_unit, metadata ->> 'count', metadata ->> 'sum', metadata ->> 'min',
                                     metadata ->> 'max',
                                     round(metric_value::numeric, 3), response_time_ms, success_rate, error_count)
                      FROM performance_metrics WHERE source_component = $1 AND {scope}
                    """,
                    component, client));
        }

        Assert.Equal(0, await flusher.FlushAsync()); // nothing recorded since: no row
    }

    [Fact]
    public async Task A_clients_rows_are_written_in_its_scope_and_visible_only_to_it_and_system_rows_only_to_system()
    {
        await using var services = Services();
        var recorder = services.GetRequiredService<PerformanceRecorder>();
        var (first, second) = (await fixture.CreateClientAsync(), await fixture.CreateClientAsync());
        var component = Unique("isolation");
        recorder.Record(new MetricKey(PerformanceMetricNames.LeadProcessing, PerformanceMetricNames.IntakeToEnriched, component, first), 40);
        recorder.Record(new MetricKey(PerformanceMetricNames.LeadProcessing, PerformanceMetricNames.IntakeToEnriched, component, second), 60);
        recorder.Record(new MetricKey(PerformanceMetricNames.LeadProcessing, PerformanceMetricNames.IntakeToEnriched, component, null), 80);
        Assert.Equal(3, await services.GetRequiredService<PerformanceMetricsFlusher>().FlushAsync());

        var database = services.GetRequiredService<TenantDatabase>();
        Assert.Equal(["40"], await VisibleValuesAsync(await database.BeginForClientAsync(first), component));
        Assert.Equal(["60"], await VisibleValuesAsync(await database.BeginForClientAsync(second), component));
        Assert.Equal(["40", "60", "80"], await VisibleValuesAsync(await database.BeginForSystemAsync(), component));

        // And a client's scope cannot write another client's (or a system) row.
        await using var transaction = await database.BeginForClientAsync(first);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => transaction.ExecuteAsync(
            "INSERT INTO performance_metrics (event_type, metric_name, metric_value, metric_unit, source_component, client_id) "
            + "VALUES ('x', 'y', 1, 'ms', 'z', @second)",
            new { second }));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task What_was_recorded_since_the_last_flush_is_written_when_the_host_stops()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PerformanceMetrics:FlushInterval"] = "01:00:00" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString));
        builder.Services.AddSingleton<TenantDatabase>();
        builder.Services.AddPerformanceMetrics(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var component = Unique("shutdown");
        var recorder = host.Services.GetRequiredService<PerformanceRecorder>();
        recorder.Record(new MetricKey(PerformanceMetricNames.EmailResponse, PerformanceMetricNames.SmtpSend, component, null), 120);
        recorder.Record(new MetricKey(PerformanceMetricNames.EmailResponse, PerformanceMetricNames.SmtpSend, component, null), 80, success: false);

        Assert.Equal(0, await fixture.CountAsync("SELECT count(*) FROM performance_metrics WHERE source_component = $1", component)); // the hour has not passed
        await host.StopAsync();

        Assert.Equal("2|100|0.500|1", await fixture.ScalarAsync(
            "SELECT concat_ws('|', metadata ->> 'count', metric_value, success_rate, error_count) FROM performance_metrics WHERE source_component = $1",
            component));
    }

    [Fact]
    public void Percentiles_from_the_histogram_are_within_two_and_a_half_percent()
    {
        var recorder = new PerformanceRecorder(new FakeTimeProvider());
        var key = new MetricKey(PerformanceMetricNames.Translation, "llm_call", PerformanceMetricNames.TranslationService, null);
        // 1..1,000 ms in a shuffled order, plus one 0 ms measurement.
        foreach (var value in Enumerable.Range(1, 1000).OrderBy(v => (v * 7919) % 1000))
        {
            recorder.Record(key, value);
        }

        recorder.Record(key, 0);
        var aggregate = Assert.Single(recorder.Drain());

        Assert.Equal((1001L, 500500d, 0d, 1000d), (aggregate.Count, aggregate.Sum, aggregate.Min, aggregate.Max));
        Assert.InRange(aggregate.P50, 500 * 0.975, 500 * 1.025);
        Assert.InRange(aggregate.P95, 950 * 0.975, 950 * 1.025); // nearest rank: the 951st of 0..1,000
        Assert.Empty(recorder.Drain()); // a drain starts a new interval
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(_ => NpgsqlDataSource.Create(fixture.Database.ApplicationConnectionString));
        services.AddSingleton<TenantDatabase>();
        services.AddPerformanceMetrics(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    private static async Task<string[]> VisibleValuesAsync(TenantTransaction transaction, string component)
    {
        await using (transaction)
        {
            return [.. await transaction.QueryAsync<string>(
                "SELECT metric_value::text FROM performance_metrics WHERE source_component = @component ORDER BY metric_value", new { component })];
        }
    }

    private static string Unique(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
