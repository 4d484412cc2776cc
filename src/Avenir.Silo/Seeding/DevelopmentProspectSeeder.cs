using Avenir.Contracts.Prospects;

namespace Avenir.Silo.Seeding;

/// <summary>
/// Development only (<c>Seed:DevelopmentProspects</c>, which the AppHost sets): imports a dozen prospects at example domains
/// (<c>development-prospects.csv</c>, EN and FR, several industries) through the same CSV import an admin uses, so the
/// prospects pages have something to show on a fresh stack. The import is idempotent: every silo may run it at every
/// start, and a second run changes nothing.
/// </summary>
public sealed class DevelopmentProspectSeeder(
    IGrainFactory grains, IConfiguration configuration, IHostApplicationLifetime lifetime, TimeProvider time,
    ILogger<DevelopmentProspectSeeder> logger)
    : BackgroundService
{
    private const string ResourceName = "Avenir.Silo.Seeding.development-prospects.csv";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Seed:DevelopmentProspects", false))
        {
            return;
        }

        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);
        await SeedAttempts.RunUntilDoneAsync("development prospects", ImportAsync, SeedAttempts.WaitAfter, time, logger, stoppingToken);
    }

    private async Task ImportAsync(CancellationToken stoppingToken)
    {
        await using var stream = typeof(DevelopmentProspectSeeder).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, stoppingToken);
        var report = await grains.GetGrain<IProspectImportGrain>(0).ImportCsvAsync(buffer.ToArray());
        logger.LogInformation("Seed: development prospects imported {Imported}, merged {Merged}, unchanged {Unchanged}, rejected {Rejected}",
            report.Imported, report.Merged, report.Unchanged, report.Rejected);
    }
}
