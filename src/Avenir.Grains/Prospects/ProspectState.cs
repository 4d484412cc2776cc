using System.Text.Json;
using System.Text.RegularExpressions;
using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>
/// The pure half of a prospect's write, shared by <see cref="ProspectGrain"/> and the set-based import
/// (<see cref="ProspectBulkMerge"/>), so a row written by either is the same row: how a stored profile is read back,
/// how the score is assessed, what the row holds, and whether a merge told anything new.
/// </summary>
public static partial class ProspectState
{
    /// <summary>The row's website: the canonical form of the key, so V11's generated website_domain equals it.</summary>
    public static string Website(ProspectDomain domain) => "https://" + domain.Value;

    /// <summary>The merged profile and latest form-test signal stored in <c>profile</c>.</summary>
    public static (ProspectProfile? Profile, ProspectFormTestSignal? FormTest) Load(ProspectDomain domain, JsonElement stored)
    {
        var value = stored.Deserialize<ProspectStoredProfile>(Sql.Json);
        var profile = value is { Records.Count: > 0 } ? ProspectMerge.MergeAll(value.Records.Select(r => r.ToSource(domain)))[0] : null;
        return (profile, value?.FormTest);
    }

    /// <summary>
    /// The score from the profile, the latest finished form test, the industry's priority (null: no row) and the stored
    /// profile similarity, used only while it was computed for the profile's description as it is now.
    /// </summary>
    public static AutomationNeedAssessment Assess(
        ProspectProfile? profile, ProspectFormTestSignal? formTest, decimal? industryPriority, ProspectSimilarity? similarity = null)
    {
        int? priority = profile?.Industry is { Length: > 0 } && industryPriority is { } found
            ? (int)Math.Round(found, MidpointRounding.AwayFromZero)
            : null;
        var test = formTest is { Status: FormTestStatuses.Completed or FormTestStatuses.Timeout } finished
            ? new FormTestSignal(finished.Status, finished.Tone, finished.ResponseTimeMinutes)
            : null;
        var description = ProspectSimilarity.HashOf(profile?.Description);
        var compared = description is not null && similarity?.DescriptionHash == description ? similarity.Cosine : (double?)null;
        return AutomationNeedScore.Assess(new AutomationNeedSignals(priority, profile?.EmployeeCount, formTest?.FormFound, test,
            ProfileSimilarity: compared, DescriptionNotCompared: description is not null && compared is null));
    }

    /// <summary>The whole row as it is written.</summary>
    public static ProspectRowValues Row(
        ProspectDomain domain, ProspectProfile profile, ProspectFormTestSignal? formTest, AutomationNeedAssessment assessment, DateTimeOffset now)
    {
        var sources = profile.Sources.ToArray();
        return new ProspectRowValues(
            Website(domain), Clip(profile.Name) ?? domain.Unicode, profile.Industry, profile.Region, profile.Language,
            profile.Email is { } email && EmailShape().IsMatch(email) ? email : null, profile.EmployeeCount, profile.Country,
            sources[0], sources, profile.FirstSeenAt, profile.LastSeenAt, formTest?.FormFound, assessment.Score,
            Explanation(assessment), new ProspectStoredProfile([.. profile.Records.Select(r => r.ToContract())], formTest), now,
            DescriptionHash: ProspectSimilarity.HashOf(profile.Description));
    }

    public static List<ProspectScorePart> Explanation(AutomationNeedAssessment assessment) =>
        [.. assessment.Contributions.Select(c => new ProspectScorePart(c.Signal, c.Points, c.MaxPoints, c.Reason))];

    /// <summary>
    /// Whether a merge told nothing new: the same facts, sources, first sighting and records apart from when they were
    /// seen (a re-import of the same file, a job retried). Then nothing is written, not even the last-seen time.
    /// </summary>
    public static bool SameFacts(ProspectProfile before, ProspectProfile after)
    {
        static string Shape(ProspectProfile p) => JsonSerializer.Serialize(
            p with { LastSeenAt = default, Sources = [.. p.Sources], Records = [.. p.Records.Select(r => r with { SeenAt = default })] },
            Sql.Json);

        return Shape(before) == Shape(after);
    }

    public static string? Clip(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailShape();
}
