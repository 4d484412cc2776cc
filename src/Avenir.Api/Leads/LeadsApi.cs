using Avenir.Api.Clients;

namespace Avenir.Api.Leads;

/// <summary>Read-back of a lead by the client's secret API key (integrations; the dashboard has its own endpoints).</summary>
public static class LeadsApi
{
    public const string Path = "/api/leads";

    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{leadId:guid}", GetLeadAsync).WithName("GetLead").WithTags("Leads");
        return app;
    }

    /// <summary>One of the calling client's leads; another client's lead is not found.</summary>
    public static async Task<Results<Ok<LeadSnapshot>, NotFound, ProblemHttpResult>> GetLeadAsync(
        Guid leadId, HttpContext http, ClientKeyDirectory keys, IGrainFactory grains, CancellationToken cancellationToken)
    {
        // Only the secret key reads leads: a form key is public.
        if (http.Request.Headers[LeadIntakeApi.ApiKeyHeader].ToString() is not { Length: > 0 } key)
        {
            return IntakeProblems.MissingKey();
        }

        if (await keys.FindWithProfileAsync(key, cancellationToken) is not { Credential.Kind: CredentialKind.ApiKey } found)
        {
            return IntakeProblems.UnknownKey();
        }

        return await grains.GetLeadGrain(found.Credential.ClientId, leadId).GetAsync() is { } lead
            ? TypedResults.Ok(lead)
            : TypedResults.NotFound();
    }
}
