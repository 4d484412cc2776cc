using Avenir.Grains.Outreach.Consent;
using Avenir.Grains.Outreach.Sending;
using Avenir.Grains.Outreach.Templates;
using Avenir.Grains.Prospects;

namespace Avenir.Grains.Outreach.Campaigns;

public sealed partial class CampaignGrain
{
    /// <summary>Generation reads at most this many prospects per pass (run it again for more).</summary>
    private const int GenerationBatch = 2000;

    public async Task<EmailGeneration> GenerateEmailsAsync()
    {
        if (campaign is null || settings is null)
        {
            return new(0, 0, 0, 0, ["campaign_not_found"]);
        }

        IReadOnlyList<TargetProspect> prospects;
        var templates = new Dictionary<Guid, CompiledEmailTemplate>();
        await using (var transaction = await database.BeginForSystemAsync())
        {
            prospects = await CampaignProspectQueries.TargetedAsync(transaction, target, GenerationBatch);
            Guid?[] ids = [settings.TemplateEn, settings.TemplateFr, settings.FollowUpTemplateEn, settings.FollowUpTemplateFr, AbTemplateB("en"),
                AbTemplateB("fr")];
            foreach (var id in ids.OfType<Guid>().Distinct())
            {
                if (await EmailTemplateRows.FindContentAsync(transaction, id) is { } content
                    && OutreachTemplateEngine.Compile(content) is { Template: { } compiled })
                {
                    templates[id] = compiled;
                }
            }
        }

        int created = 0, missingEmail = 0, suppressed = 0, held = 0;
        var metByLanguage = new Dictionary<string, int>(StringComparer.Ordinal);
        var testedByLanguage = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        var fallbackZone = ZonedTime.Find(settings.DefaultTimeZone) ?? TimeZoneInfo.Utc;
        foreach (var prospect in prospects)
        {
            await using var transaction = await database.BeginForSystemAsync();
            if (await CampaignEventRows.IsSuppressedAsync(transaction, prospect.ContactEmail, prospect.Id))
            {
                suppressed++;
                continue;
            }

            Guid? firstTemplate = null;
            string? arm = null;
            var language = prospect.Language == "fr" ? "fr" : "en";
            if (AbTemplateB(language) is { } templateB)
            {
                if (abWinners.TryGetValue(language, out var winner))
                {
                    firstTemplate = winner == "b" ? templateB : null;
                }
                else
                {
                    var met = metByLanguage.GetValueOrDefault(language);
                    metByLanguage[language] = met + 1;
                    if (!JoinsAbTest(met, settings.AbTest!.TestShare))
                    {
                        held++; // waits for the winner
                        continue;
                    }

                    var tested = testedByLanguage.GetValueOrDefault(language);
                    testedByLanguage[language] = tested + 1;
                    arm = tested % 2 == 0 ? "a" : "b";
                    firstTemplate = arm == "b" ? templateB : null;
                }
            }

            var sequence = Sequence(prospect, templates, CanadianTimeZones.Resolve(prospect.TimeZone, prospect.Region, fallbackZone), problems,
                firstTemplate, arm);
            if (sequence is null)
            {
                continue;
            }

            var now = time.GetUtcNow();
            if (prospect.ContactEmail is { } address
                && ConsentCheck.Evaluate((await ProspectConsentRows.InForceAsync(transaction, prospect.Id, address))?.ToBasis(), address,
                    RecipientSuppression.None, now) is { Allowed: false } consent)
            {
                // Flagged for the reviewer, still generated: evidence recorded before the send lets it go; the send checks again.
                problems.Add($"{prospect.Id}:{CampaignRules.ConsentMissing}({consent.Code})");
            }

            var inserted = false;
            foreach (var email in sequence)
            {
                inserted |= await CampaignEmailRows.InsertAsync(transaction, campaign.ClientId, CampaignId, email, now);
            }

            await transaction.CommitAsync();
            if (inserted)
            {
                created += sequence.Count;
                missingEmail += sequence[0].MissingEmail ? 1 : 0;
            }
        }

        logger.LogInformation("Campaign {CampaignId}: {Created} emails generated for {Prospects} prospects ({Missing} without address, {Suppressed} " +
            "suppressed, {Held} held for the A/B test's winner)",
            CampaignId, created, prospects.Count, missingEmail, suppressed, held);
        return new(prospects.Count, created, missingEmail, suppressed, problems, held);
    }

    /// <summary>
    /// The first email and its follow-ups for one prospect, in its language (its first email from <paramref name="firstTemplateId"/>
    /// when an A/B test chose it, every step marked with its <paramref name="arm"/>); null (with a problem) when a template
    /// refuses its values.
    /// </summary>
    private List<NewEmail>? Sequence(
        TargetProspect prospect, Dictionary<Guid, CompiledEmailTemplate> templates, TimeZoneInfo zone, List<string> problems, Guid? firstTemplateId,
        string? arm)
    {
        var settings = this.settings!;
        var french = prospect.Language == "fr";
        var firstId = firstTemplateId ?? FirstTemplate(french ? "fr" : "en");
        var followUpId = (french ? settings.FollowUpTemplateFr ?? settings.FollowUpTemplateEn : settings.FollowUpTemplateEn ?? settings.FollowUpTemplateFr)
            ?? firstId;
        if (firstId is not { } first || !templates.TryGetValue(first, out var firstTemplate) || !templates.TryGetValue(followUpId!.Value,
            out var followUpTemplate))
        {
            problems.Add($"{prospect.Id}:template_unavailable");
            return null;
        }

        var emails = new List<NewEmail>();
        string? firstSubject = null;
        for (var step = 1; step <= 1 + settings.FollowUpBusinessDays.Count; step++)
        {
            var id = Guid.NewGuid();
            var template = step == 1 ? firstTemplate : followUpTemplate;
            var rendering = OutreachTemplateEngine.Render(template, Values(prospect, settings.Sender, trackingUrls.Unsubscribe(id, prospect.Id)));
            if (rendering.Email is not { } rendered)
            {
                problems.Add($"{prospect.Id}:{string.Join(',', rendering.Problems.Select(p => p.Variable is null ? p.Code : $"{p.Code}({p.Variable})"))}");
                return null;
            }

            firstSubject ??= rendered.Subject;
            var subject = step == 1 ? rendered.Subject : CampaignRules.FollowUpSubject(firstSubject, rendered.Language);
            emails.Add(new NewEmail(
                id, prospect.Id, prospect.ContactEmail, ContactName(prospect), prospect.BusinessName, prospect.Website,
                step == 1 ? first : followUpId.Value, subject, rendered.Html, rendered.Text, step, settings.Sender.Address,
                prospect.ContactEmail is null, rendered.Language, zone.Id, arm));
        }

        return emails;
    }

    /// <summary>The template values of a prospect and the campaign's sender (null: unknown, a required variable then refuses).</summary>
    internal static Dictionary<string, string?> Values(TargetProspect prospect, CampaignSender sender, string unsubscribeUrl) => new(StringComparer.Ordinal)
    {
        [TemplateVariables.BusinessName] = prospect.BusinessName,
        [TemplateVariables.ContactFirstName] = prospect.ContactFirstName,
        [TemplateVariables.ContactLastName] = prospect.ContactLastName,
        [TemplateVariables.City] = prospect.City,
        [TemplateVariables.Province] = prospect.Region,
        [TemplateVariables.Industry] = prospect.Industry,
        [TemplateVariables.Website] = WebsiteUrl(prospect.Website),
        [TemplateVariables.SenderName] = sender.Name,
        [TemplateVariables.SenderTitle] = sender.Title,
        [TemplateVariables.SenderCompany] = sender.Company,
        [TemplateVariables.SenderEmail] = sender.Address,
        [TemplateVariables.SenderPhone] = sender.Phone,
        [TemplateVariables.SenderPostalAddress] = sender.PostalAddress,
        [TemplateVariables.BookingLink] = sender.BookingLink,
        [TemplateVariables.UnsubscribeUrl] = unsubscribeUrl,
    };

    private static string WebsiteUrl(string website) =>
        website.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || website.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? website
            : "https://" + website;

    private static string? ContactName(TargetProspect prospect) =>
        string.Join(' ', new[] { prospect.ContactFirstName, prospect.ContactLastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name
            ? name
            : null;

    public async Task<EmailReviewResult> ReviewAsync(EmailReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (campaign is null || review.EmailIds.Count == 0)
        {
            return new(0, review.EmailIds.Count);
        }

        var now = time.GetUtcNow();
        await using var transaction = await database.BeginForSystemAsync();
        var changed = await CampaignEmailRows.ReviewAsync(transaction, campaign.ClientId, CampaignId, review, now);
        var status = review.Approve ? OutreachEmailStatuses.Approved : OutreachEmailStatuses.Rejected;
        foreach (var email in changed)
        {
            await CampaignEmailRows.LogAsync(transaction, email.Id, status, now);
        }

        await transaction.CommitAsync();
        var chosen = changed.Count(c => review.EmailIds.Contains(c.Id));
        logger.LogInformation("Campaign {CampaignId}: {Count} emails {Status} by {Reviewer}", CampaignId, changed.Count, status, review.Reviewer);
        return new(chosen, review.EmailIds.Count - chosen);
    }
}
