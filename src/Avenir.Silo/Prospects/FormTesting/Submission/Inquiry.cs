namespace Avenir.Silo.Prospects.FormTesting.Submission;

/// <summary>The test inquiry sent through a prospect's form: who it is from, where answers go, and what it says.</summary>
/// <param name="TestId">The test's id (also the reply address's tag).</param>
/// <param name="Language"><c>en</c> or <c>fr</c>: the site's language.</param>
/// <param name="SenderName">The name given in the form.</param>
/// <param name="ReplyAddress">The unique address of this test (<c>tests+&lt;id&gt;@agency.example</c>).</param>
/// <param name="Phone">The phone number given when the form asks for one.</param>
/// <param name="Company">The agency's name, for a company field.</param>
/// <param name="Subject">A subject, for a subject field.</param>
/// <param name="Message">The message: honest about who is asking and why.</param>
/// <param name="Question">The one question the message asks (what a personalised answer engages with).</param>
public sealed record Inquiry(
    string TestId, string Language, string SenderName, string ReplyAddress, string? Phone, string Company, string Subject, string Message, string Question);
