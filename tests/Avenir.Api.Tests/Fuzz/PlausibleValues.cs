using System.Globalization;
using System.Text.Json;
using Avenir.Contracts.Leads;
using Avenir.Contracts.Prompts;

namespace Avenir.Api.Tests.Fuzz;

/// <summary>
/// A well-formed value for a field, by its name where the API checks it (so an unmutated body gets past validation and a
/// single mutation is what the answer is about), else by its JSON type. Passwords are never the sessions' own: a
/// fuzzed password change must never succeed, or the run's sessions would end.
/// </summary>
public static class PlausibleValues
{
    private static readonly string[] Languages = ["en", "fr", "EN", "es"];
    private static readonly string[] EmailTones = ["Professional", "Friendly", "Formal", "Energetic"];
    private static readonly string[] Events = ["replied", "bounced"];
    private static readonly string[] Tags = ["vip", "follow-up", "Converted"];
    private static readonly string[] Intents = [.. LeadLabels.Intents.Keys];
    private static readonly string[] Origins = [FuzzWorld.AllowedOrigin, "https://www.fuzz-site.example.com:8443", "http://localhost:3000"];

    /// <summary>The JSON text of a plausible value of <paramref name="field"/> in request <paramref name="index"/>.</summary>
    public static string Json(BodyField field, Random random, int index, FuzzWorld world) => field.Name switch
    {
        "email" => Text($"fuzz-{index}@example.com"),
        "message" => Text($"Fuzz lead {index}: could you send me a quote for the work we discussed?"),
        "name" => Text($"Fuzz Person {index}"),
        "phone" => Text("438-555-0199"),
        "company" => Text("Fuzz Inc."),
        "language" => Text(random.Pick(Languages)),
        "password" or "newPassword" => Text($"fuzz-password-{index:D8}"),
        "currentPassword" => Text("not the current password"),
        "tag" => Text(random.Pick(Tags)),
        "text" or "notes" => Text($"A fuzz note, number {index}."),
        "reason" => Text("The fuzz says so."),
        "intent" => Text(random.Pick(Intents)),
        "urgency" => Text(random.Pick(LeadLabels.Urgencies)),
        "tone" => Text(random.Pick(LeadLabels.Tones)),
        "emailTone" => Text(random.Pick(EmailTones)),
        "bookingLink" => Text("https://cal.example.com/fuzz"),
        "thankYouUrl" => Text($"{FuzzWorld.AllowedOrigin}/thanks"),
        "allowedOrigins" => JsonSerializer.Serialize(Origins.Take(random.Next(1, Origins.Length + 1))),
        "businessName" => Text($"Fuzz Business {index}"),
        "industry" => Text("plumbing"),
        "messageId" => Text($"<fuzz-{index}@mail.example.com>"),
        "event" => Text(random.Pick(Events)),
        "detail" => Text("550 mailbox unavailable"),
        "testName" => Text($"fuzz test {index}"),
        "controlVariantId" or "treatmentVariantId" => world.VariantIds.Count > 0 ? Text(random.Pick(world.VariantIds)) : Text("enrichment-v1"),
        "promptText" => Text("You are a careful assistant. Classify the lead."),
        "evolutionType" => Text(random.Pick(PromptEvolutionTypes.All)),
        "controlTrafficPercentage" or "treatmentTrafficPercentage" => "50",
        "minSampleSize" => "100",
        "maxDurationDays" => "7",
        "significanceLevel" => "0.05",
        _ => ByKind(field.Kind, random, index),
    };

    private static string ByKind(FieldKind kind, Random random, int index) => kind switch
    {
        FieldKind.Flag => random.Chance(0.5) ? "true" : "false",
        FieldKind.Whole => random.Next(1, 100).ToString(CultureInfo.InvariantCulture),
        FieldKind.Number => "50.5",
        FieldKind.Instant => Text("2026-01-15T10:00:00Z"),
        FieldKind.Id => Text(RandomGuid(random).ToString()),
        FieldKind.TextList => JsonSerializer.Serialize(new[] { FuzzWorld.AllowedOrigin }),
        _ => Text($"fuzz value {index}"),
    };

    /// <summary>A GUID from the seeded generator, so the run stays reproducible.</summary>
    public static Guid RandomGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Text(string value) => JsonSerializer.Serialize(value);
}
