using System.Net.Mail;
using Avenir.Grains.Leads.Contracts;

namespace Avenir.Api.Leads;

/// <summary>The JSON body of <c>POST /api/lead</c>.</summary>
public sealed record LeadRequest(string? Name, string? Email, string? Message, string? Phone = null, string? Company = null, string? Language = null)
{
    /// <summary>The first problem with the request, or null when it can be stored.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Email) || !MailAddress.TryCreate(Email.Trim(), out _))
        {
            return "'email' must be a valid email address.";
        }

        return string.IsNullOrWhiteSpace(Message) ? "'message' must not be empty." : null;
    }

    public LeadSubmission ToSubmission() => new()
    {
        Name = Name?.Trim() ?? "",
        Email = Email!.Trim(),
        Message = Message!.Trim(),
        Phone = Phone?.Trim(),
        Company = Company?.Trim(),
        Language = Language?.Trim().ToLowerInvariant(),
    };
}

/// <summary>The answer to an accepted lead.</summary>
public sealed record LeadCreated(Guid Id, DateTimeOffset ReceivedAt);
