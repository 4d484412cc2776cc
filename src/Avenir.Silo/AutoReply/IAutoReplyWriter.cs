using Avenir.Contracts.Clients;
using Avenir.Contracts.Leads;

namespace Avenir.Silo.AutoReply;

/// <summary>
/// Writes the personalised reply to a new lead. The default renders the agency's templates
/// (<see cref="TemplateAutoReplyWriter"/>); with an LLM configured, <see cref="LlmAutoReplyWriter"/> writes it and
/// falls back to the templates on error or when its guardrails refuse the reply.
/// </summary>
public interface IAutoReplyWriter
{
    Task<AutoReplyDraft> WriteAsync(AutoReplyRequest request, CancellationToken cancellationToken);
}

/// <param name="Language">The reply's language, <c>en</c> or <c>fr</c> (chosen by the job: see decision 0004).</param>
/// <param name="Tone">The client's email tone: Professional, Friendly, Formal or Energetic.</param>
public sealed record AutoReplyRequest(LeadSnapshot Lead, ClientProfile Client, string Language, string Tone);

/// <param name="Source">What wrote it, recorded with the send, e.g. <c>template:auto_reply_friendly/fr</c> or <c>llm:auto_reply.fr.v1</c>.</param>
public sealed record AutoReplyDraft(string Subject, string HtmlBody, string TextBody, string Source)
{
    /// <summary>Set when an LLM-written reply was refused or failed and this (template) draft answers instead.</summary>
    public Avenir.Contracts.Leads.AiFallback? Fallback { get; init; }
}
