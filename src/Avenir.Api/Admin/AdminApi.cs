using Avenir.Api.Auth;
using Avenir.Api.Clients;
using Avenir.Api.Dashboard;
using Avenir.Contracts.Clients;
using Avenir.Infrastructure.Database;

namespace Avenir.Api.Admin;

/// <summary>The agency's client administration (role <c>admin</c>; mutating requests need <c>X-CSRF-Token</c>).</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin")
            .RequireAuthorization(DashboardUser.AdminPolicy)
            .AddEndpointFilter<CsrfProtection>()
            .ProducesProblem(401).ProducesProblem(403);
        admin.MapGet("/clients", ListAsync).WithName("AdminListClients")
            .WithSummary("Every client with its last lead and leads of the last 7 days.").Produces<IReadOnlyList<ClientSummary>>();
        admin.MapPost("/clients", CreateAsync).WithName("AdminCreateClient")
            .WithSummary("Registers a client; answers its API key (shown once) and form key.")
            .Produces<CreatedClient>(201).ProducesProblem(400).ProducesProblem(409);
        admin.MapPost("/clients/{clientId:guid}/password", SetPasswordAsync).WithName("AdminSetPassword")
            .WithSummary("Sets a client's password (and lifts a lockout).").Produces(204).ProducesProblem(400).ProducesProblem(404);
        admin.MapPost("/clients/{clientId:guid}/rotate-key", RotateKeyAsync).WithName("AdminRotateKey")
            .WithSummary("Issues a new API key and revokes the old one at once (a leaked key).").Produces<RotatedKey>().ProducesProblem(404);
        return app;
    }

    public sealed record ClientSummary(Guid ClientId, string BusinessName, string Email, bool IsTest, bool IsInternal, DateTimeOffset? LastLeadAt, long LeadsThisWeek, DateTimeOffset CreatedAt);

    public sealed record CreateClientRequest(
        string? BusinessName, string? Email, string? Password, string? Language, string? EmailTone, bool? AiPersonalizedReply,
        string? BookingLink, IReadOnlyList<string?>? AllowedOrigins, string? ThankYouUrl, string? Industry, bool? IsTest);

    public sealed record CreatedClient(Guid ClientId, string ApiKey, string FormKey);

    public sealed record PasswordRequest(string? NewPassword);

    public sealed record RotatedKey(string ApiKey);

    public static async Task<IResult> ListAsync(TenantDatabase database, TimeProvider time, CancellationToken cancellationToken)
    {
        // Across tenants by nature: the agency's admin reads as system (decision 0002).
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await using var command = transaction.Command(
            """
            SELECT c.client_id, c.business_name, c.email, c.is_test, c.is_internal, c.created_at,
                   (SELECT max(l.created_at) FROM lead_memory l WHERE l.client_id = c.client_id),
                   (SELECT count(*) FROM lead_memory l WHERE l.client_id = c.client_id AND l.created_at >= $1)
              FROM clients c
             ORDER BY c.created_at, c.client_id
            """,
            time.GetUtcNow().AddDays(-7));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var clients = new List<ClientSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            clients.Add(new ClientSummary(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt64(7), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return TypedResults.Ok(clients);
    }

    public static async Task<IResult> CreateAsync(CreateClientRequest request, HttpContext http, IGrainFactory grains, TenantDatabase database, ILogger<CreatedClient> logger, CancellationToken cancellationToken)
    {
        var (settings, errors) = SettingsApi.Validate(new SettingsApi.SettingsRequest(
            request.Language ?? "en", request.EmailTone ?? "Professional", request.AiPersonalizedReply ?? true,
            request.BookingLink, request.AllowedOrigins, request.ThankYouUrl));
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

        if (errors.Count > 0)
        {
            return DashboardProblems.Invalid(errors);
        }

        if (await EmailTakenAsync(database, email!, cancellationToken))
        {
            return DashboardProblems.Conflict("email_taken", "A client with this email already exists.");
        }

        var clientId = Guid.NewGuid();
        var client = grains.GetGrain<IClientGrain>(clientId);
        var registered = await client.RegisterAsync(new ClientRegistration
        {
            BusinessName = businessName!,
            Email = email!,
            Password = request.Password,
            Language = settings!.Language,
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
        return TypedResults.Created($"/api/admin/clients/{clientId}", new CreatedClient(clientId, registered.ApiKey, registered.Profile.FormKey));
    }

    public static async Task<IResult> SetPasswordAsync(Guid clientId, PasswordRequest request, IGrainFactory grains)
    {
        if (AuthApi.PasswordProblem(request.NewPassword, "newPassword") is { } weak)
        {
            return weak;
        }

        return await grains.GetGrain<IClientGrain>(clientId).SetPasswordAsync(request.NewPassword!)
            ? TypedResults.NoContent()
            : DashboardProblems.NotFound("client");
    }

    public static async Task<IResult> RotateKeyAsync(Guid clientId, IGrainFactory grains, ClientKeyDirectory keys)
    {
        var client = grains.GetGrain<IClientGrain>(clientId);
        if (await client.GetProfileAsync() is null)
        {
            return DashboardProblems.NotFound("client");
        }

        var rotated = await client.RotateApiKeyAsync(TimeSpan.Zero);
        keys.Evict(clientId);
        return TypedResults.Ok(new RotatedKey(rotated.ApiKey));
    }

    private static async Task<bool> EmailTakenAsync(TenantDatabase database, string email, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        await using var command = transaction.Command("SELECT EXISTS (SELECT 1 FROM clients WHERE lower(email) = lower($1))", email);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
