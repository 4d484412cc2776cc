namespace Avenir.Silo.Seeding;

/// <summary>What the development seeder reads to leave a current credential alone.</summary>
internal static class SeedQueries
{
    public static async Task<string?> PasswordHashAsync(TenantDatabase database, Guid clientId)
    {
        await using var transaction = await database.BeginForClientAsync(clientId);
        return await transaction.ExecuteScalarAsync<string>("SELECT password_hash FROM clients WHERE client_id = @clientId", new { clientId });
    }
}
