namespace Avenir.Api.Admin;

/// <summary>
/// The learning loop's internal endpoints (role <c>admin</c>; mutating requests need <c>X-CSRF-Token</c>):
/// auto-reply outcomes in, model accuracy and performance metrics out (docs/learning-loop.md).
/// </summary>
public static class FeedbackAdminApi
{
    public static IEndpointRouteBuilder MapFeedbackAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("Admin: learning and metrics");
        admin.MapPost("/email-events", EmailEventsApi.RecordAsync).WithName("AdminRecordEmailEvent")
            .WithSummary("Records that an auto-reply was answered or bounced (found by its Message-ID); idempotent per lead and event.")
            .WithDescription(
                "Body (application/json): {messageId, event: replied|bounced, occurredAt?, detail?}. "
                + "Not declared with Accepts, which would answer other media types with a bare 415.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(415);
        admin.MapGet("/model-accuracy", ModelAccuracyApi.GetAsync).WithName("AdminModelAccuracy")
            .WithSummary("Per model, per field (intent, urgency, tone), per UTC day of prediction: settled predictions, corrections, accuracy.")
            .ProducesProblem(400);
        admin.MapGet("/performance", PerformanceApi.GetAsync).WithName("AdminPerformance")
            .WithSummary("Performance metrics of the last hours, per event type, metric and component, with time buckets; ?clientId= for one client.")
            .ProducesProblem(400).ProducesProblem(404);
        return app;
    }
}
