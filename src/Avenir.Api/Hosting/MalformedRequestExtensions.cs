using Avenir.Api.Validation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Avenir.Api.Hosting;

/// <summary>
/// How the API answers requests it cannot read or could not store, in one registration: always a 4xx problem, the same
/// in every environment (the fuzz suite, docs/fuzzing.md, sends ten thousand of them).
/// </summary>
public static class MalformedRequestExtensions
{
    public static IServiceCollection AddMalformedRequestAnswers(this IServiceCollection services)
    {
        // JSON strings with a NUL or a lone surrogate fail binding, whatever the endpoint.
        services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new StorableTextConverter()));

        // Minimal APIs throw on a binding failure only in Development (the exception handler made that a 500) and elsewhere
        // answer 400 without saying why; throwing everywhere lets UnreadableRequestHandler word every such answer alike.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<UnreadableRequestHandler>();
        services.AddExceptionHandler<UnstorableTextHandler>();

        // After ASP.NET's own writer (AddProblemDetails, repeated here harmlessly to fix the order): writes what it declines.
        services.AddProblemDetails();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonWriter>());
        return services;
    }
}
