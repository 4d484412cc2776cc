using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>The prospect job types (<c>queue_jobs.job_type</c>) and their payloads, shared by who enqueues and who runs them.</summary>
public static class ProspectJobTypes
{
    public const string Discovery = "prospect_discovery";
    public const string DailyQueue = "daily_prospect_queue";
    public const string FormTest = "prospect_form_test";

    /// <summary>Compares the descriptions not compared yet with the agency profile, then rescores those prospects.</summary>
    public const string Similarity = "prospect_similarity";

    /// <summary>Rescores the prospects of one industry (its priority moved) or all of them (an admin's request).</summary>
    public const string Rescore = "prospect_rescore";
}

/// <summary>A discovery job's input: the ICP as it was when the admin asked (a later edit does not change a running job).</summary>
public sealed record ProspectDiscoveryPayload(IcpDefinition Icp);

/// <summary>A form-test job's input: the pending <c>prospect_form_tests</c> row it fills.</summary>
public sealed record ProspectFormTestPayload(Guid TestId, Guid ProspectId);

/// <summary>A similarity job's input: none, it compares whatever is due when it runs.</summary>
public sealed record ProspectSimilarityPayload;

/// <summary>A rescore job's input: the industry exactly as prospects store it, or null for every prospect.</summary>
public sealed record ProspectRescorePayload(string? Industry);
