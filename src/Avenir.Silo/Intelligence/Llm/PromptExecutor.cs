using Avenir.Silo.Intelligence.Prompts;

namespace Avenir.Silo.Intelligence.Llm;

/// <summary>How the caller judged the model's answer.</summary>
/// <param name="Value">The parsed value; null when the answer is unusable.</param>
/// <param name="Quality">Format compliance 0–1 (1: valid JSON with every field in its label set).</param>
/// <param name="Error">Why the answer is unusable (logged as the execution's error).</param>
/// <param name="Output">What is kept in prompt_performance.output_data.</param>
public sealed record PromptOutcome<T>(T? Value, double Quality, string? Error, JsonElement? Output) where T : class;

/// <summary>The result of one prompt execution: a value, or the failure that the caller falls back from.</summary>
public sealed record PromptExecution<T>(T? Value, string Model, string? Error, PromptVariant? Variant) where T : class
{
    public bool Succeeded => Value is not null && Error is null;
}

/// <summary>
/// Runs one registry prompt on the configured LLM: selects the variant (<see cref="IPromptSelector"/>), renders it,
/// calls the model, lets the caller validate the answer, and logs the execution (latency, tokens, cost, quality,
/// error, client, A/B test) in prompt_performance; an execution under an A/B test is also reported to the selector.
/// Never throws for a provider failure (HTTP error, 429, timeout, open circuit, invalid output): it returns the error
/// so that the caller answers without the LLM. Cancellation of the caller's token is rethrown.
/// </summary>
public sealed class PromptExecutor(
    ILlmClient client,
    IPromptSelector selector,
    PromptPerformanceLog performance,
    TimeProvider time,
    IOptions<AiOptions> options,
    ILogger<PromptExecutor> logger)
{
    public string ModelName => client.ModelName;

    public async Task<PromptExecution<T>> ExecuteAsync<T>(
        PromptSelectionContext context,
        IReadOnlyDictionary<string, string>? variables,
        string userMessage,
        string? jsonSchema,
        Func<string, PromptOutcome<T>> evaluate,
        JsonElement input,
        CancellationToken cancellationToken = default) where T : class
    {
        PromptVariant? variant;
        try
        {
            variant = await selector.SelectAsync(context, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Prompt {Prompt} ({Language}) could not be read from the registry", context.PromptName, context.Language);
            return new PromptExecution<T>(null, client.ModelName, "prompt registry unavailable: " + exception.Message, null);
        }

        if (variant is null)
        {
            logger.LogWarning("No active prompt {Prompt} in {Language} in prompt_registry", context.PromptName, context.Language);
            return new PromptExecution<T>(null, client.ModelName, $"no active prompt {context.PromptName} ({context.Language})", null);
        }

        var started = time.GetTimestamp();
        LlmReply? reply = null;
        PromptOutcome<T> outcome;
        try
        {
            reply = await client.CompleteAsync(
                new LlmRequest(variant.Render(variables), userMessage, jsonSchema, context.PromptName), cancellationToken);
            outcome = evaluate(reply.Text);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = new PromptOutcome<T>(null, 0, Describe(exception), null);
        }

        var latency = time.GetElapsedTime(started);
        var model = reply?.Model ?? client.ModelName;
        var error = outcome.Error ?? (outcome.Value is null ? "the model's answer was not usable" : null);
        var settings = options.Value;
        try
        {
            await performance.RecordAsync(
                new PromptExecutionRecord(
                    variant, context.ClientId, model, latency, reply?.TotalTokens,
                    reply is null ? null : settings.Pricing.Cost(reply.InputTokens, reply.OutputTokens),
                    outcome.Quality, error, input, outcome.Output, settings.Environment),
                CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not log the execution of prompt {Variant} in prompt_performance", variant.VariantId);
        }

        if (variant.AbTestId is not null)
        {
            // The execution counts for its A/B test (the selector that assigned it tells the test's grain).
            try
            {
                await selector.RecordOutcomeAsync(variant, error is not null, outcome.Quality, CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not count the execution of prompt {Variant} for test {TestId}", variant.VariantId, variant.AbTestId);
            }
        }

        if (error is not null)
        {
            logger.LogWarning("LLM {Model} failed on prompt {Variant} after {Latency} ms: {Error}",
                model, variant.VariantId, (long)latency.TotalMilliseconds, error);
            return new PromptExecution<T>(null, model, error, variant);
        }

        return new PromptExecution<T>(outcome.Value, model, null, variant);
    }

    private static string Describe(Exception exception)
    {
        // The connectors wrap HTTP failures (e.g. Semantic Kernel's HttpOperationException around the SDK's exception).
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return exception.InnerException is { } inner && !text.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{text} ({inner.GetType().Name}: {inner.Message})"
            : text;
    }
}
