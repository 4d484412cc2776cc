using Avenir.Api.Dashboard;
using Avenir.Contracts.Outreach;

namespace Avenir.Api.Admin.Outreach;

/// <summary>
/// Each sending mailbox's limit and use over the rolling 24 hours, from its <see cref="IOutreachMailboxGrain"/> (the one
/// place the limit is decided and counted). The mailboxes listed are the ones campaigns send from.
/// </summary>
public static class OutreachMailboxesApi
{
    public const string Path = "/outreach/mailboxes";

    public static IEndpointRouteBuilder MapOutreachMailboxesApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("Admin: outreach mailboxes");
        admin.MapGet(Path, ListAsync).WithName("AdminListMailboxes").WithSummary("Every campaign mailbox: daily limit, sends in the last 24 h.");
        admin.MapGet(Path + "/{mailboxId}", GetAsync).WithName("AdminGetMailbox")
            .WithSummary("One mailbox's limit and use (dailyLimit 0: no such mailbox is configured on the silo).").ProducesProblem(404);
        return app;
    }

    public static async Task<Ok<MailboxUsage[]>> ListAsync(OutreachCampaignQueries queries, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var ids = await queries.MailboxIdsAsync(cancellationToken);
        return TypedResults.Ok(await Task.WhenAll(ids.Select(id => grains.GetGrain<IOutreachMailboxGrain>(id).GetUsageAsync())));
    }

    public static async Task<Results<Ok<MailboxUsage>, ProblemHttpResult>> GetAsync(string mailboxId, IGrainFactory grains) =>
        IsMailboxId(mailboxId)
            ? TypedResults.Ok(await grains.GetGrain<IOutreachMailboxGrain>(mailboxId).GetUsageAsync())
            : DashboardProblems.NotFound("mailbox"); // not a configuration key: no grain is activated for it

    /// <summary>What an <c>Outreach:Mailboxes:{id}</c> key can be.</summary>
    private static bool IsMailboxId(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
