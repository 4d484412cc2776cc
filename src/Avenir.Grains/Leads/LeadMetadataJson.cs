using System.Text.Json;

namespace Avenir.Grains.Leads;

/// <summary>A lead's extra form fields as the <c>lead_memory.metadata</c> JSON object.</summary>
internal static class LeadMetadataJson
{
    private const string Empty = "{}";

    public static string Of(IReadOnlyDictionary<string, string> metadata) => metadata.Count == 0 ? Empty : JsonSerializer.Serialize(metadata);
}
