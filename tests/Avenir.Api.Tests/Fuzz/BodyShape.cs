namespace Avenir.Api.Tests.Fuzz;

/// <summary>How an endpoint reads its body: a JSON object bound to a record, or intake's lead form (JSON, url-encoded or multipart).</summary>
public enum BodyKind
{
    Json,
    LeadForm,
}

/// <summary>The JSON type a field expects, from the request record's property type.</summary>
public enum FieldKind
{
    Text,
    Flag,
    Whole,
    Number,
    Instant,
    Id,
    TextList,
}

public sealed record BodyField(string Name, FieldKind Kind);

/// <summary>The fields an endpoint's body carries; an endpoint whose body the fuzz cannot see gets an empty field list (random members).</summary>
public sealed record BodyShape(BodyKind Kind, IReadOnlyList<BodyField> Fields);
