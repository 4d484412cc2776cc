using Avenir.Silo.AutoReply;
using Avenir.Silo.Intelligence.Llm;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the auto-reply job and its writer: the LLM's (guarded, template fallback) when an LLM is configured, else the templates.</summary>
public static class AutoReplyServiceCollectionExtensions
{
    public static IServiceCollection AddAutoReply(this IServiceCollection services)
    {
        services.AddOptions<AutoReplyOptions>().BindConfiguration(AutoReplyOptions.Section);
        services.AddSingleton<TemplateAutoReplyWriter>();
        // PromptExecutor exists only when Ai:Provider names an LLM (AddAvenirAi).
        services.AddSingleton<IAutoReplyWriter>(provider => provider.GetService<PromptExecutor>() is { } executor
            ? ActivatorUtilities.CreateInstance<LlmAutoReplyWriter>(provider, executor)
            : provider.GetRequiredService<TemplateAutoReplyWriter>());
        services.AddJobHandler<AutoReplyJobHandler>();
        return services;
    }
}
