using Avenir.Api.Clients;
using Avenir.Api.Dashboard;
using Avenir.Api.Leads;
using Avenir.Infrastructure.Metrics;

namespace Avenir.Api.Hosting;

/// <summary>
/// Records the response time of lead intake and reads (<c>/api/lead</c>, <c>/api/leads/…</c>: component
/// <c>lead_api</c>) and of the dashboard API (<c>/api/dashboard/…</c>: <c>dashboard_api</c>) in the
/// <see cref="PerformanceRecorder"/>: event <c>api_response</c>, metric <c>response_time</c>, per client when the
/// request named one, a status ≥ 500 counted as an error. First in the pipeline, so it sees the final status
/// (including the exception handler's 500s and the rate limiter's 429s).
/// </summary>
public sealed class ApiResponseMetrics(
    RequestDelegate next, PerformanceRecorder recorder, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var component = ComponentOf(http.Request.Path);
        if (component is null)
        {
            await next(http);
            return;
        }

        var started = time.GetTimestamp();
        var threw = false;
        try
        {
            await next(http);
        }
        catch
        {
            threw = true;
            throw;
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
            var status = threw ? StatusCodes.Status500InternalServerError : http.Response.StatusCode;
            var clientId = ClientOf(http, component);
            recorder.Record(new MetricKey(PerformanceMetricNames.ApiResponse, PerformanceMetricNames.ResponseTime, component, clientId), elapsed, status < 500);
        }
    }

    private static string? ComponentOf(PathString path) =>
        path.StartsWithSegments(LeadIntakeApi.Path, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(LeadsApi.Path, StringComparison.OrdinalIgnoreCase) ? PerformanceMetricNames.LeadApi
        : path.StartsWithSegments("/api/dashboard", StringComparison.OrdinalIgnoreCase) ? PerformanceMetricNames.DashboardApi
        : null;

    /// <summary>
    /// The dashboard caller the endpoint resolved; for intake, the client whose key the endpoint resolved (however the key
    /// was sent). Nothing after a 429 from the rate limiter: it answered before any look-up.
    /// </summary>
    private static Guid? ClientOf(HttpContext http, string component) =>
        component == PerformanceMetricNames.DashboardApi
            ? (http.Items[typeof(DashboardCaller)] as DashboardCaller)?.ClientId
            : (http.Items[typeof(ClientCredential)] as ClientCredential)?.ClientId;
}
