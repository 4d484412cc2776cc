using System.Text.Json;
using Avenir.Api.Dashboard;
using Avenir.Api.Leads;
using Avenir.Api.Validation;
using Avenir.Contracts.Prospects;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Avenir.Api.Admin.Prospects;

/// <summary>
/// The agency's ideal customer profile (V70 <c>prospect_icp</c>), the input of discovery: read and replaced through
/// <see cref="IIdealCustomerProfileGrain"/>, its single writer. Invalid definitions are 400 problems naming each field.
/// </summary>
public static class ProspectIcpApi
{
    public static RouteGroupBuilder MapProspectIcpApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/prospects/icp", GetAsync).WithName("AdminGetProspectIcp")
            .WithSummary("The ideal customer profile discovery searches for: {industries, regions:[{country, region, city}], languages, "
                + "minEmployees, maxEmployees, keywords, updatedAt}.")
            .ProducesProblem(404);
        admin.MapPut("/prospects/icp", PutAsync).WithName("AdminPutProspectIcp")
            .WithSummary("Replaces the ideal customer profile (normalised: trimmed, lower case, duplicates dropped).")
            .ProducesProblem(400).ProducesProblem(415);
        return admin;
    }

    public static async Task<Results<Ok<IcpDefinition>, ProblemHttpResult>> GetAsync(IGrainFactory grains) =>
        await grains.GetGrain<IIdealCustomerProfileGrain>(0).GetAsync() is { } icp
            ? TypedResults.Ok(icp)
            : IntakeProblems.Problem(StatusCodes.Status404NotFound, "icp_not_defined", "Not found",
                "No ideal customer profile is defined yet: PUT one to /api/admin/prospects/icp.");

    public static async Task<Results<Ok<IcpDefinition>, ProblemHttpResult>> PutAsync(
        HttpContext http, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        // Read here rather than bound: a binding failure would surface as the framework's exception, not our 400.
        if (!http.Request.HasJsonContentType())
        {
            return IntakeProblems.UnsupportedMediaType(http.Request.ContentType);
        }

        IcpDefinition? definition;
        try
        {
            definition = await http.Request.ReadFromJsonAsync<IcpDefinition>(json.Value.SerializerOptions, cancellationToken);
        }
        catch (UnstorableTextException exception)
        {
            return IntakeProblems.Problem(StatusCodes.Status400BadRequest, "invalid_text", "Invalid text", $"'{exception.Path}' {StorableText.Refusal}.");
        }
        catch (JsonException exception)
        {
            return IntakeProblems.MalformedBody($"The body is not an ideal customer profile: {exception.Message}");
        }

        if (definition is null)
        {
            return IntakeProblems.MalformedBody("The body is not an ideal customer profile: null.");
        }

        if (IcpValidation.Validate(definition) is { Count: > 0 } errors)
        {
            return DashboardProblems.Invalid(errors);
        }

        return TypedResults.Ok(await grains.GetGrain<IIdealCustomerProfileGrain>(0).SetAsync(definition));
    }
}
