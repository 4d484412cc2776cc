using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Avenir.Silo.Hosting;

/// <summary>Healthy once the silo is active in the cluster, so the API starts only when grains can be called.</summary>
public sealed class SiloReadinessHealthCheck(SiloReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsActive
            ? HealthCheckResult.Healthy("The silo is active in the cluster.")
            : HealthCheckResult.Unhealthy("The silo has not joined the cluster yet."));
}
