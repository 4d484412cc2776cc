using System.Text.Json;
using System.Text.Json.Serialization;

namespace Avenir.Api.Validation;

/// <summary>
/// Every string a JSON body binds to goes through here: one that is not storable text (<see cref="StorableText"/>) fails
/// binding with an <see cref="UnstorableTextException"/>, answered 400 before any handler runs. Writing is unchanged.
/// </summary>
public sealed class StorableTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.GetString(); // throws, as the built-in converter does: the serializer reports a value of the wrong type
        }

        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new UnstorableTextException(); // bytes that are not UTF-8, or an escaped half of a surrogate pair
        }

        return StorableText.IsStorable(text) ? text : throw new UnstorableTextException();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>A JSON string holding a NUL, a lone surrogate or bytes that are not UTF-8 (the serializer adds the field's path).</summary>
public sealed class UnstorableTextException : JsonException
{
    public UnstorableTextException()
        : base("The text " + StorableText.Refusal + ".")
    {
    }

    public UnstorableTextException(string message)
        : base(message)
    {
    }

    public UnstorableTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
