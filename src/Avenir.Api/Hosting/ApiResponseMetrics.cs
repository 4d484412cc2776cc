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
    RequestDelegate next, PerformanceRecorder recorder, ClientKeyDirectory keys, TimeProvider time, ILogger<ApiResponseMetrics> logger)
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
            Guid? clientId = null;
            try
            {
                clientId = await ClientOfAsync(http, component, status);
            }
            catch (Exception exception)
            {
                logger.LogDebug(exception, "Could not tell the client of {Path} for its response-time metric", http.Request.Path);
            }

            recorder.Record(new MetricKey(PerformanceMetricNames.ApiResponse, PerformanceMetricNames.ResponseTime, component, clientId), elapsed, status < 500);
        }
    }

    private static string? ComponentOf(PathString path) =>
        path.StartsWithSegments(LeadIntakeApi.Path, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/leads", StringComparison.OrdinalIgnoreCase) ? PerformanceMetricNames.LeadApi
        : path.StartsWithSegments("/api/dashboard", StringComparison.OrdinalIgnoreCase) ? PerformanceMetricNames.DashboardApi
        : null;

    /// <summary>
    /// The dashboard caller the endpoint resolved; for intake, the client of the key in <c>X-Api-Key</c> or <c>?key=</c>
    /// (a cache hit: the endpoint has just looked it up). Not after a 429: the rate limiter answered before any lookup,
    /// and a flood must not turn into key queries. A form key posted as a body field is not read here.
    /// </summary>
    private async Task<Guid?> ClientOfAsync(HttpContext http, string component, int status)
    {
        if (component == PerformanceMetricNames.DashboardApi)
        {
            return (http.Items[typeof(DashboardCaller)] as DashboardCaller)?.ClientId;
        }

        if (status == StatusCodes.Status429TooManyRequests)
        {
            return null;
        }

        var key = http.Request.Headers[LeadIntakeApi.ApiKeyHeader].ToString() is { Length: > 0 } header ? header : http.Request.Query["key"].ToString();
        return key.Length is > 0 and <= 200 ? (await keys.FindAsync(key, http.RequestAborted))?.ClientId : null;
    }
}
