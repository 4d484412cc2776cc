using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>What <see cref="ProspectGrain"/> stores in <c>prospect_candidates.profile</c>: its inputs, so a merge or a score can be recomputed.</summary>
public sealed record ProspectStoredProfile(IReadOnlyList<ProspectRecord> Records, ProspectFormTestSignal? FormTest);

/// <inheritdoc cref="IProspectGrain"/>
/// <remarks>
/// Writes are conditional on the row version it read (<see cref="ProspectRow.Version"/>): the set-based CSV import
/// (<see cref="ProspectBulkMerge"/>) writes rows of inactive grains directly, so a grain that activated just before such
/// a write holds stale state; its next write then changes nothing, and it re-reads the row and applies its change again
/// (merging is order-independent, so nothing the import wrote is lost).
/// </remarks>
public sealed class ProspectGrain(TenantDatabase database, TimeProvider time) : Grain, IProspectGrain
{
    /// <summary>Re-reads after a conflicting write before giving up: a conflict needs a concurrent import of this very domain.</summary>
    private const int MaxConflicts = 3;

    private ProspectDomain domain;
    private Guid? id;
    private long? version;
    private ProspectProfile? profile;
    private ProspectFormTestSignal? formTest;
    private AutomationNeedAssessment? assessment;
    private ProspectSimilarity? similarity;
    private bool contacted;
    private bool doNotContact;

    private string Website => ProspectState.Website(domain);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        if (!ProspectDomain.TryParse(key, out domain) || domain.Value != key)
        {
            throw new ArgumentException($"'{key}' is not a normalised prospect domain (ProspectDomain.Value).");
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<ProspectMergeResult> MergeAsync(IReadOnlyList<ProspectRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var sourced = new List<ProspectSourceRecord>(records.Count);
        foreach (var record in records)
        {
            if (!ProspectDomain.TryParse(record.Website, out var recordDomain) || recordDomain != domain)
            {
                throw new ArgumentException($"The record's website '{record.Website}' is not of {domain.Value}.", nameof(records));
            }

            sourced.Add(record.ToSource(domain));
        }

        var created = false;
        var written = await CommitAsync(() =>
        {
            var merged = sourced.Aggregate(profile, ProspectMerge.Merge);
            if (merged is null || (profile is not null && ProspectState.SameFacts(profile, merged)))
            {
                return false;
            }

            created = id is null;
            profile = merged;
            return true;
        });

        return !written
            ? new ProspectMergeResult(ProspectMergeOutcome.Unchanged, id ?? Guid.Empty, assessment?.Score ?? 0)
            : new ProspectMergeResult(created ? ProspectMergeOutcome.Created : ProspectMergeOutcome.Merged, id!.Value, assessment!.Score);
    }

    public Task<ProspectSnapshot?> GetAsync() => Task.FromResult(profile is null || id is null ? null : Snapshot());

    public async Task RecordFormTestAsync(ProspectFormTestSignal signal)
    {
        // A test that ran to its end dates the prospect as tested (last_tested: the lists' "tested" filter, campaign targets).
        await CommitAsync(() =>
        {
            if (profile is null || signal == formTest)
            {
                return false;
            }

            formTest = signal;
            return true;
        }, testedAt: time.GetUtcNow());
    }

    public async Task<int?> RescoreAsync()
    {
        await CommitAsync(() => profile is not null, onlyWhenScoreChanges: true);
        return profile is null ? null : assessment?.Score;
    }

    public async Task SetDoNotContactAsync()
    {
        if (id is not { } prospectId || doNotContact)
        {
            return;
        }

        await using var transaction = await database.BeginForSystemAsync();
        var next = await ProspectRows.SetDoNotContactAsync(transaction, prospectId, time.GetUtcNow());
        await transaction.CommitAsync();
        (doNotContact, version) = (true, next ?? version);
    }

    public async Task<ProspectConsentRecorded?> RecordConsentAsync(ProspectConsentEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var now = time.GetUtcNow();
        if (ProspectConsentValidation.Validate(evidence, now) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.SelectMany(p => p.Value)), nameof(evidence));
        }

        if (id is not { } prospectId)
        {
            return null;
        }

        // Insert-only evidence, not a column of the row: the version the grain read does not matter.
        await using var transaction = await database.BeginForSystemAsync();
        var row = await ProspectConsentRows.InsertAsync(transaction, prospectId, evidence, now);
        await transaction.CommitAsync();
        return new ProspectConsentRecorded(row.Id, prospectId, row.CreatedAt);
    }

    public Task RefreshAsync() => LoadAsync(CancellationToken.None);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForSystemAsync(cancellationToken);
        Adopt(await ProspectRows.FindAsync(transaction, Website, cancellationToken));
        assessment = await AssessAsync(transaction, cancellationToken);
    }

    /// <summary>Takes the committed row as the grain's state (none: a prospect no source has named yet).</summary>
    private void Adopt(ProspectRow? row)
    {
        (id, version, contacted, doNotContact, similarity) = row is null
            ? ((Guid?)null, (long?)null, false, false, (ProspectSimilarity?)null)
            : (row.Id, row.Version, row.Contacted, row.DoNotContact, row.Similarity);
        (profile, formTest) = row is null ? (null, null) : ProspectState.Load(domain, row.Profile);
    }

    /// <summary>
    /// Applies a change to the state and writes the whole row (score recomputed, reading the industry's priority) in one
    /// system transaction. <paramref name="apply"/> says whether there is anything to write; after a conflicting write it
    /// runs again on the re-read row. A failed write deactivates the grain, so the next call starts from the database.
    /// </summary>
    private async Task<bool> CommitAsync(Func<bool> apply, bool onlyWhenScoreChanges = false, DateTimeOffset? testedAt = null)
    {
        if (!apply())
        {
            return false;
        }

        try
        {
            await using var transaction = await database.BeginForSystemAsync();
            for (var conflicts = 0; ; conflicts++)
            {
                var next = await AssessAsync(transaction, CancellationToken.None);
                if (onlyWhenScoreChanges && assessment is not null && assessment.Score == next.Score
                    && next.Contributions.SequenceEqual(assessment.Contributions))
                {
                    return false;
                }

                var row = ProspectState.Row(domain, profile!, formTest, next, time.GetUtcNow()) with { LastTested = testedAt };
                if (await ProspectRows.WriteAsync(transaction, row, version) is { } written)
                {
                    if (row.DescriptionHash is not null && row.DescriptionHash != similarity?.DescriptionHash)
                    {
                        // A description the similarity job has not compared: it waits with the row (one job waits at most).
                        await ProspectJobRows.EnqueueSimilarityAsync(transaction, time.GetUtcNow());
                    }

                    await transaction.CommitAsync();
                    (id, version, assessment) = (written.Id, written.Version, next);
                    return true;
                }

                if (conflicts == MaxConflicts)
                {
                    throw new InvalidOperationException($"The prospect {domain.Value} kept changing under its grain ({MaxConflicts} re-reads).");
                }

                // Another writer (the set-based import) committed since this grain read the row: start from its row.
                Adopt(await ProspectRows.FindAsync(transaction, Website));
                assessment = null;
                if (!apply())
                {
                    return false;
                }
            }
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task<AutomationNeedAssessment> AssessAsync(TenantTransaction transaction, CancellationToken cancellationToken)
    {
        decimal? priority = profile?.Industry is { Length: > 0 } industry
            ? await ProspectRows.IndustryPriorityAsync(transaction, industry, cancellationToken)
            : null;
        return ProspectState.Assess(profile, formTest, priority, similarity);
    }

    private ProspectSnapshot Snapshot()
    {
        var current = profile!;
        return new ProspectSnapshot
        {
            Id = id!.Value,
            Domain = domain.Value,
            BusinessName = ProspectState.Clip(current.Name) ?? domain.Unicode,
            Website = current.Website,
            Industry = current.Industry,
            Region = current.Region,
            Language = current.Language,
            EmployeeCount = current.EmployeeCount,
            Sources = current.Sources,
            FirstSeenAt = current.FirstSeenAt,
            LastSeenAt = current.LastSeenAt,
            Score = assessment?.Score ?? 0,
            ScoreExplanation = assessment is null ? [] : ProspectState.Explanation(assessment),
            Contacted = contacted,
            DoNotContact = doNotContact,
            HasContactForm = formTest?.FormFound,
        };
    }
}
