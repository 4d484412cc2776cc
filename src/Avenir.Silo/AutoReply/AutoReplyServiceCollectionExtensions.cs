using Avenir.Silo.AutoReply;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the auto-reply job and its default (template) writer.</summary>
public static class AutoReplyServiceCollectionExtensions
{
    public static IServiceCollection AddAutoReply(this IServiceCollection services)
    {
        services.AddOptions<AutoReplyOptions>().BindConfiguration(AutoReplyOptions.Section);
        services.AddSingleton<IAutoReplyWriter, TemplateAutoReplyWriter>();
        services.AddJobHandler<AutoReplyJobHandler>();
        return services;
    }
}
