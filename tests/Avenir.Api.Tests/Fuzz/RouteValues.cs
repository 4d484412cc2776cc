using System.Text;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// A target's path with its parameters filled: mostly ids that exist for the caller (so the request reaches the
/// handler), else ids of another tenant, unknown ids, and values no route constraint should let through (NUL, overlong,
/// not a GUID, percent-escapes of invalid UTF-8 or of a slash).
/// </summary>
public static class RouteValues
{
    private static readonly string[] Garbage =
    [
        "%00", "not-a-guid", "%ED%A0%80", "%C0%AF", "..", "%2e%2e", "%2F", "%zz", "%", "00000000-0000-0000-0000-000000000000", "{leadId}", "%20",
        "a%0Db", "%F0%9F%98%80", "-1", "0", "null", "undefined", "%FF%FE", "a%00b", "%E2%80%AE",
    ];

    private static readonly int[] OverlongLengths = [37, 300, 5_000];

    private static readonly string[] DocumentNames = ["v1", "V1", "v2", "openapi", "%00"];

    public static string Path(FuzzTarget target, Random random, FuzzWorld world, FuzzCaller caller, List<string> mutations)
    {
        var session = world.SessionOf(caller);
        var note = session.Notes.Count > 0 ? session.Notes[random.Next(session.Notes.Count)] : default;
        var realLead = random.Chance(0.7);
        var path = new StringBuilder();
        foreach (var piece in target.Pieces)
        {
            if (piece.Literal is { } literal)
            {
                path.Append(literal);
                continue;
            }

            path.Append(piece.Parameter switch
            {
                "leadId" when realLead => target.Pieces.Any(p => p.Parameter == "noteId") ? note.LeadId.ToString() : random.Pick(session.LeadIds).ToString(),
                "noteId" when realLead && random.Chance(0.8) => note.NoteId.ToString(),
                "clientId" when random.Chance(0.6) => world.TargetClientId.ToString(),
                "variantId" when random.Chance(0.6) && world.VariantIds.Count > 0 => random.Pick(world.VariantIds),
                "documentName" => random.Pick(DocumentNames),
                _ => Other(random, piece, world, mutations),
            });
        }

        return path.ToString();
    }

    private static string Other(Random random, RoutePiece piece, FuzzWorld world, List<string> mutations)
    {
        var roll = random.NextDouble();
        if (piece.IsGuid && roll < 0.35)
        {
            return PlausibleValues.RandomGuid(random).ToString(random.Chance(0.8) ? "D" : "N");
        }

        if (piece.IsGuid && roll < 0.5)
        {
            return random.Pick(world.Client.LeadIds.Concat(world.Admin.LeadIds).ToList()).ToString(); // another tenant's, perhaps
        }

        var value = random.Chance(0.1)
            ? new string('0', random.Pick(OverlongLengths))
            : random.Pick(Garbage);
        mutations.Add($"route {piece.Parameter} = '{Callers.Shorten(value)}'");
        return value;
    }
}
