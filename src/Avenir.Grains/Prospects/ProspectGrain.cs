using System.Text.Json;
using System.Text.RegularExpressions;
using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>What <see cref="ProspectGrain"/> stores in <c>prospect_candidates.profile</c>: its inputs, so a merge or a score can be recomputed.</summary>
public sealed record ProspectStoredProfile(IReadOnlyList<ProspectRecord> Records, ProspectFormTestSignal? FormTest);

/// <inheritdoc cref="IProspectGrain"/>
public sealed partial class ProspectGrain(TenantDatabase database, TimeProvider time) : Grain, IProspectGrain
{
    private ProspectDomain domain;
    private Guid? id;
    private ProspectProfile? profile;
    private ProspectFormTestSignal? formTest;
    private AutomationNeedAssessment? assessment;
    private bool contacted;
    private bool doNotContact;

    /// <summary>The row's website: the canonical form of the key, so V11's generated website_domain equals it.</summary>
    private string Website => "https://" + domain.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (!ProspectDomain.TryParse(key, out domain) || domain.Value != key)
        {
            throw new ArgumentException($"'{key}' is not a normalised prospect domain (ProspectDomain.Value).");
        }

        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        if (await ProspectRows.FindAsync(transaction, Website, cancellationToken) is not { } row)
        {
            return;
        }

        (id, contacted, doNotContact) = (row.Id, row.Contacted, row.DoNotContact);
        var stored = row.Profile.Deserialize<ProspectStoredProfile>(Sql.Json);
        formTest = stored?.FormTest;
        profile = stored is { Records.Count: > 0 } ? ProspectMerge.MergeAll(stored.Records.Select(r => r.ToSource(domain)))[0] : null;
        assessment = await AssessAsync(transaction, cancellationToken);
    }

    public async Task<ProspectMergeResult> MergeAsync(IReadOnlyList<ProspectRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var merged = profile;
        foreach (var record in records)
        {
            if (!ProspectDomain.TryParse(record.Website, out var recordDomain) || recordDomain != domain)
            {
                throw new ArgumentException($"The record's website '{record.Website}' is not of {domain.Value}.", nameof(records));
            }

            merged = ProspectMerge.Merge(merged, record.ToSource(domain));
        }

        if (merged is null || (profile is not null && SameFacts(profile, merged)))
        {
            return new ProspectMergeResult(ProspectMergeOutcome.Unchanged, id ?? Guid.Empty, assessment?.Score ?? 0);
        }

        var created = id is null;
        profile = merged;
        await WriteAsync();
        return new ProspectMergeResult(created ? ProspectMergeOutcome.Created : ProspectMergeOutcome.Merged, id!.Value, assessment!.Score);
    }

    public Task<ProspectSnapshot?> GetAsync() => Task.FromResult(profile is null || id is null ? null : Snapshot());

    public async Task RecordFormTestAsync(ProspectFormTestSignal signal)
    {
        if (profile is null || signal == formTest)
        {
            return;
        }

        formTest = signal;
        await WriteAsync();
    }

    public async Task<int?> RescoreAsync()
    {
        if (profile is null)
        {
            return null;
        }

        var before = assessment?.Score;
        await WriteAsync(onlyWhenScoreChanges: before);
        return assessment?.Score;
    }

    public async Task SetDoNotContactAsync()
    {
        if (id is not { } prospectId || doNotContact)
        {
            return;
        }

        await using var transaction = await database.BeginForSystemAsync();
        await ProspectRows.SetDoNotContactAsync(transaction, prospectId, time.GetUtcNow());
        await transaction.CommitAsync();
        doNotContact = true;
    }

    /// <summary>Recomputes the score (reading the industry's priority) and writes the whole row in one system transaction.</summary>
    private async Task WriteAsync(int? onlyWhenScoreChanges = null)
    {
        var current = profile!;
        await using var transaction = await database.BeginForSystemAsync();
        var next = await AssessAsync(transaction, CancellationToken.None);
        if (onlyWhenScoreChanges is { } previous && previous == next.Score && assessment is not null
            && next.Contributions.SequenceEqual(assessment.Contributions))
        {
            return;
        }

        var sources = current.Sources.ToArray();
        id = await ProspectRows.UpsertAsync(transaction, new ProspectRowValues(
            Website, Clip(current.Name) ?? domain.Unicode, current.Industry, current.Region, current.Language,
            current.Email is { } email && EmailShape().IsMatch(email) ? email : null, current.EmployeeCount, current.Country,
            sources[0], sources, current.FirstSeenAt, current.LastSeenAt, formTest?.FormFound, next.Score,
            Explanation(next), new ProspectStoredProfile([.. current.Records.Select(r => r.ToContract())], formTest), time.GetUtcNow()));
        await transaction.CommitAsync();
        assessment = next;
    }

    private async Task<AutomationNeedAssessment> AssessAsync(TenantTransaction transaction, CancellationToken cancellationToken)
    {
        int? priority = null;
        if (profile?.Industry is { Length: > 0 } industry
            && await ProspectRows.IndustryPriorityAsync(transaction, industry, cancellationToken) is { } found)
        {
            priority = (int)Math.Round(found, MidpointRounding.AwayFromZero);
        }

        var test = formTest is { Status: FormTestStatuses.Completed or FormTestStatuses.Timeout } finished
            ? new FormTestSignal(finished.Status, finished.Tone, finished.ResponseTimeMinutes)
            : null;
        return AutomationNeedScore.Assess(new AutomationNeedSignals(priority, profile?.EmployeeCount, formTest?.FormFound, test));
    }

    private ProspectSnapshot Snapshot()
    {
        var current = profile!;
        return new ProspectSnapshot
        {
            Id = id!.Value,
            Domain = domain.Value,
            BusinessName = Clip(current.Name) ?? domain.Unicode,
            Website = current.Website,
            Industry = current.Industry,
            Region = current.Region,
            Language = current.Language,
            EmployeeCount = current.EmployeeCount,
            Sources = current.Sources,
            FirstSeenAt = current.FirstSeenAt,
            LastSeenAt = current.LastSeenAt,
            Score = assessment?.Score ?? 0,
            ScoreExplanation = assessment is null ? [] : Explanation(assessment),
            Contacted = contacted,
            DoNotContact = doNotContact,
            HasContactForm = formTest?.FormFound,
        };
    }

    private static List<ProspectScorePart> Explanation(AutomationNeedAssessment assessment) =>
        [.. assessment.Contributions.Select(c => new ProspectScorePart(c.Signal, c.Points, c.MaxPoints, c.Reason))];

    /// <summary>
    /// Whether a merge told nothing new: the same facts, sources, first sighting and records apart from when they were
    /// seen (a re-import of the same file, a job retried). Then nothing is written, not even the last-seen time.
    /// </summary>
    private static bool SameFacts(ProspectProfile before, ProspectProfile after)
    {
        static string Shape(ProspectProfile p) => JsonSerializer.Serialize(
            p with { LastSeenAt = default, Sources = [.. p.Sources], Records = [.. p.Records.Select(r => r with { SeenAt = default })] },
            Sql.Json);

        return Shape(before) == Shape(after);
    }

    private static string? Clip(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailShape();
}
