using System.Text.Json;
using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>The <c>prospect_icp</c> row.</summary>
public sealed record IcpRow(
    string[] Industries, JsonElement Regions, string[] Languages, int? MinEmployees, int? MaxEmployees, string[] Keywords, DateTimeOffset UpdatedAt)
{
    public IcpDefinition ToDefinition() => new()
    {
        Industries = Industries,
        Regions = Regions.Deserialize<IcpPlace[]>(Sql.Json) ?? [],
        Languages = Languages,
        MinEmployees = MinEmployees,
        MaxEmployees = MaxEmployees,
        Keywords = Keywords,
        UpdatedAt = UpdatedAt,
    };
}

/// <summary><see cref="IdealCustomerProfileGrain"/>'s statements on <c>prospect_icp</c> (V70; system transactions: agency data).</summary>
public static class IdealCustomerProfileRows
{
    public static Task<IcpRow?> FindAsync(TenantTransaction transaction, CancellationToken cancellationToken = default) =>
        transaction.QuerySingleOrDefaultAsync<IcpRow>(
            "SELECT industries, regions, languages, min_employees, max_employees, keywords, updated_at FROM prospect_icp",
            cancellationToken: cancellationToken);

    public static Task<int> UpsertAsync(TenantTransaction transaction, IcpDefinition definition, DateTimeOffset now) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO prospect_icp (id, industries, regions, languages, min_employees, max_employees, keywords, updated_at)
            VALUES (true, @Industries, @Regions, @Languages, @MinEmployees, @MaxEmployees, @Keywords, @now)
            ON CONFLICT (id) DO UPDATE
               SET industries = excluded.industries, regions = excluded.regions, languages = excluded.languages,
                   min_employees = excluded.min_employees, max_employees = excluded.max_employees,
                   keywords = excluded.keywords, updated_at = excluded.updated_at
            """,
            new
            {
                Industries = definition.Industries.ToArray(), Regions = Sql.Jsonb(definition.Regions), Languages = definition.Languages.ToArray(),
                definition.MinEmployees, definition.MaxEmployees, Keywords = definition.Keywords.ToArray(), now,
            });
}
