using Avenir.Contracts.Prospects;

namespace Avenir.Grains.Prospects;

/// <summary>The prospect job types (<c>queue_jobs.job_type</c>) and their payloads, shared by who enqueues and who runs them.</summary>
public static class ProspectJobTypes
{
    public const string Discovery = "prospect_discovery";
    public const string DailyQueue = "daily_prospect_queue";
    public const string FormTest = "prospect_form_test";
}

/// <summary>A discovery job's input: the ICP as it was when the admin asked (a later edit does not change a running job).</summary>
public sealed record ProspectDiscoveryPayload(IcpDefinition Icp);

/// <summary>A form-test job's input: the pending <c>prospect_form_tests</c> row it fills.</summary>
public sealed record ProspectFormTestPayload(Guid TestId, Guid ProspectId);
