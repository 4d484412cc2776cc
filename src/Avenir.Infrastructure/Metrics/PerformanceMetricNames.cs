namespace Avenir.Infrastructure.Metrics;

/// <summary>
/// The event types, metrics and components Avenir records (snake_case, as <c>performance_metrics</c> requires).
/// The admin performance page reads these back; docs/learning-loop.md lists them.
/// </summary>
public static class PerformanceMetricNames
{
    // Event types (the table's documented categories).
    public const string ApiResponse = "api_response";
    public const string AiAnalysis = "ai_analysis";
    public const string Translation = "translation";
    public const string LeadProcessing = "lead_processing";
    public const string EmailResponse = "email_response";

    // Metrics.
    public const string ResponseTime = "response_time";
    public const string EnrichmentLatency = "enrichment_latency";
    public const string IntakeToEnriched = "intake_to_enriched";
    public const string SmtpSend = "smtp_send";
    public const string Accuracy = "accuracy";

    // Components.
    public const string LeadApi = "lead_api";
    public const string DashboardApi = "dashboard_api";
    public const string LeadPipeline = "lead_pipeline";
    public const string AutoReply = "auto_reply";
    public const string TranslationService = "translation_service";
    public const string IntelligenceEngine = "intelligence_engine";

    /// <summary>
    /// Translation metric per source: <c>dictionary_hit</c>, <c>cache_hit</c>, <c>llm_call</c>, <c>untranslated</c> (count = hits, mean = latency).
    /// </summary>
    public static string TranslationMetric(string sourceName) => sourceName switch
    {
        "dictionary" => "dictionary_hit",
        "cache" => "cache_hit",
        "llm" => "llm_call",
        _ => "untranslated",
    };
}
