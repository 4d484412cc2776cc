using Avenir.Api.Clients;
using Avenir.Grains.Clients.Contracts;
using Avenir.Grains.Leads.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Avenir.Api.Leads;

/// <summary>Lead intake and read-back for a client authenticated by its API key.</summary>
public static class LeadsApi
{
    private const string ApiKeyHeader = "X-Api-Key";

    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Leads");
        api.MapPost("/lead", CreateLeadAsync).WithName("CreateLead");
        api.MapGet("/leads/{leadId:guid}", GetLeadAsync).WithName("GetLead");
        return app;
    }

    /// <summary>Stores a lead submitted by a client's website form.</summary>
    public static async Task<Results<Created<LeadCreated>, ProblemHttpResult>> CreateLeadAsync(
        LeadRequest request, HttpContext http, ApiKeyDirectory keys, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await AuthenticateAsync(http, keys, cancellationToken) is not { } clientId)
        {
            return UnknownKey();
        }

        if (request.Validate() is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid lead");
        }

        var leadId = Guid.CreateVersion7();
        var lead = await grains.GetLeadGrain(clientId, leadId).CreateAsync(request.ToSubmission());
        await grains.GetGrain<IClientGrain>(clientId).RecordLeadReceivedAsync(lead.CreatedAt);
        return TypedResults.Created($"/api/leads/{lead.Id}", new LeadCreated(lead.Id, lead.CreatedAt));
    }

    /// <summary>One of the calling client's leads; another client's lead is not found.</summary>
    public static async Task<Results<Ok<LeadSnapshot>, NotFound, ProblemHttpResult>> GetLeadAsync(
        Guid leadId, HttpContext http, ApiKeyDirectory keys, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await AuthenticateAsync(http, keys, cancellationToken) is not { } clientId)
        {
            return UnknownKey();
        }

        return await grains.GetLeadGrain(clientId, leadId).GetAsync() is { } lead
            ? TypedResults.Ok(lead)
            : TypedResults.NotFound();
    }

    private static async Task<Guid?> AuthenticateAsync(HttpContext http, ApiKeyDirectory keys, CancellationToken cancellationToken) =>
        http.Request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } key
            ? await keys.FindClientAsync(key, cancellationToken)
            : null;

    private static ProblemHttpResult UnknownKey() =>
        TypedResults.Problem($"A valid client key is required in the {ApiKeyHeader} header.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Unknown or missing API key");
}
