namespace Avenir.Contracts.Jobs;

/// <summary>The payload of a job about one lead (camelCase JSON in <c>queue_jobs.payload</c>).</summary>
public sealed record LeadJobPayload(Guid ClientId, Guid LeadId);
