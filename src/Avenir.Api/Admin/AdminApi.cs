using Avenir.Api.Auth;
using Avenir.Api.Clients;
using Avenir.Api.Dashboard;
using Avenir.Infrastructure.Security;

namespace Avenir.Api.Admin;

/// <summary>The agency's client administration (role <c>admin</c>; mutating requests need <c>X-CSRF-Token</c>).</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("Admin");
        admin.MapGet("/clients", ListAsync).WithName("AdminListClients")
            .WithSummary("Every client with its last lead and leads of the last 7 days.");
        admin.MapPost("/clients", CreateAsync).WithName("AdminCreateClient")
            .WithSummary("Registers a client; answers its API key (shown once) and form key.").ProducesProblem(400).ProducesProblem(409);
        admin.MapPost("/clients/{clientId:guid}/password", SetPasswordAsync).WithName("AdminSetPassword")
            .WithSummary("Sets a client's password (and lifts a lockout).").ProducesProblem(400).ProducesProblem(404);
        admin.MapPost("/clients/{clientId:guid}/rotate-key", RotateKeyAsync).WithName("AdminRotateKey")
            .WithSummary("Issues a new API key and revokes the old one at once (a leaked key).").ProducesProblem(404);
        admin.MapPost("/clients/{clientId:guid}/internal", SetInternalAsync).WithName("AdminSetInternal")
            .WithSummary("Makes a client an internal (agency) user or not; a change ends the account's sessions.").ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    public sealed record ClientSummary(
        Guid ClientId, string BusinessName, string Email, bool IsTest, bool IsInternal, DateTimeOffset? LastLeadAt, long LeadsThisWeek,
        DateTimeOffset CreatedAt);

    public sealed record CreateClientRequest(
        string? BusinessName, string? Email, string? Password, string? Language, string? EmailTone, bool? AiPersonalizedReply,
        string? BookingLink, IReadOnlyList<string?>? AllowedOrigins, string? ThankYouUrl, string? Industry, bool? IsTest);

    public sealed record CreatedClient(Guid ClientId, string ApiKey, string FormKey);

    public sealed record PasswordRequest(string? NewPassword);

    public sealed record RotatedKey(string ApiKey);

    public sealed record InternalRequest(bool? IsInternal);

    public static async Task<Ok<IReadOnlyList<ClientSummary>>> ListAsync(AdminClientQueries clients, TimeProvider time, CancellationToken cancellationToken) =>
        // Across tenants by nature: the agency's admin reads as system (decision 0002).
        TypedResults.Ok(await clients.ListAsync(time.GetUtcNow().AddDays(-7), cancellationToken));

    public static async Task<Results<Created<CreatedClient>, ProblemHttpResult>> CreateAsync(
        CreateClientRequest request, HttpContext http, IGrainFactory grains, AdminClientQueries clients, ILogger<CreatedClient> logger,
        CancellationToken cancellationToken)
    {
        SettingsApi.TryValidate(new SettingsApi.SettingsRequest(
            request.Language ?? "en", request.EmailTone ?? "Professional", request.AiPersonalizedReply ?? true,
            request.BookingLink, request.AllowedOrigins, request.ThankYouUrl), out var settings, out var errors);
        var businessName = request.BusinessName?.Trim();
        if (string.IsNullOrEmpty(businessName) || businessName.Length > 200)
        {
            errors["businessName"] = ["businessName has 1 to 200 characters."];
        }

        var email = request.Email?.Trim();
        if (email is null || email.Length > 320 || !System.Text.RegularExpressions.Regex.IsMatch(email, @"^[^@\s]+@[^@\s]+\.[^@\s]+$"))
        {
            errors["email"] = ["email must be an email address."];
        }

        if (AuthApi.PasswordProblem(request.Password, "password") is not null)
        {
            errors["password"] = [$"password must have {AuthApi.MinPasswordLength} to {AuthApi.MaxPasswordLength} characters."];
        }

        if (errors.Count > 0 || settings is null || businessName is null || email is null)
        {
            return DashboardProblems.Invalid(errors);
        }

        if (await clients.EmailTakenAsync(email, cancellationToken))
        {
            return DashboardProblems.Conflict("email_taken", "A client with this email already exists.");
        }

        var clientId = Guid.NewGuid();
        var client = grains.GetGrain<IClientGrain>(clientId);
        var (apiKey, digest) = ClientKeys.New();
        var registered = await client.RegisterAsync(new ClientRegistration
        {
            BusinessName = businessName,
            Email = email,
            PasswordHash = PasswordHasher.Hash(request.Password!),
            ApiKey = digest,
            Language = settings.Language,
            EmailTone = settings.EmailTone,
            AiPersonalizedReply = settings.AiPersonalizedReply,
            BookingLink = settings.BookingLink,
            AllowedOrigins = settings.AllowedOrigins,
            Industry = string.IsNullOrWhiteSpace(request.Industry) ? null : request.Industry.Trim(),
            IsTest = request.IsTest ?? false,
        });
        if (settings.ThankYouUrl is not null)
        {
            await client.UpdateSettingsAsync(settings);
        }

        logger.LogInformation("Admin {AdminId} registered client {ClientId}", DashboardUser.From(http.User)?.ClientId, clientId);
        return TypedResults.Created($"/api/admin/clients/{clientId}", new CreatedClient(clientId, apiKey, registered.Profile.FormKey));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SetPasswordAsync(Guid clientId, PasswordRequest request, IGrainFactory grains)
    {
        if (AuthApi.PasswordProblem(request.NewPassword, "newPassword") is { } weak)
        {
            return weak;
        }

        // Hashed here: the password never crosses the grain boundary in clear. The account's sessions end.
        return await grains.GetGrain<IClientGrain>(clientId).SetPasswordHashAsync(PasswordHasher.Hash(request.NewPassword!)) is not null
            ? TypedResults.NoContent()
            : DashboardProblems.NotFound("client");
    }

    public static async Task<Results<Ok<RotatedKey>, ProblemHttpResult>> RotateKeyAsync(Guid clientId, IGrainFactory grains)
    {
        var client = grains.GetGrain<IClientGrain>(clientId);
        if (await client.GetProfileAsync() is null)
        {
            return DashboardProblems.NotFound("client");
        }

        var (apiKey, digest) = ClientKeys.New();
        await client.RotateApiKeyAsync(digest, TimeSpan.Zero); // every API instance sees the key version change at once
        return TypedResults.Ok(new RotatedKey(apiKey));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SetInternalAsync(
        Guid clientId, InternalRequest request, HttpContext http, IGrainFactory grains, ILogger<InternalRequest> logger)
    {
        if (request.IsInternal is not { } isInternal)
        {
            return DashboardProblems.Invalid("invalid_request", "isInternal", "Send isInternal: true or false.");
        }

        if (await grains.GetGrain<IClientGrain>(clientId).SetInternalAsync(isInternal) is null)
        {
            return DashboardProblems.NotFound("client");
        }

        logger.LogInformation("Admin {AdminId} made client {ClientId} {Role}", DashboardUser.From(http.User)?.ClientId, clientId,
            isInternal ? "internal" : "a client user");
        return TypedResults.NoContent();
    }
}
