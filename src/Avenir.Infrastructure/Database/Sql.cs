using System.Data;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Infrastructure.Database;

/// <summary>
/// The one set of parameter helpers, for the values whose PostgreSQL type the CLR value alone does not say.
/// With Dapper's named parameters (<c>@name</c>) most values need none of these: a string is <c>text</c>, a null
/// <c>string?</c> a null <c>text</c>, a <see cref="DateTimeOffset"/> a <c>timestamptz</c>, an array a PostgreSQL
/// array. <see cref="Jsonb"/> is the exception. The positional helpers serve <see cref="TenantBatch"/>, the
/// hand-tuned intake path.
/// </summary>
public static class Sql
{
    /// <summary>Options for JSON written to <c>jsonb</c> columns and read back: camelCase, as the web API.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A <c>jsonb</c> parameter: <paramref name="value"/> serialized (a string or a <see cref="JsonElement"/> as it is); null is SQL NULL.</summary>
    public static SqlMapper.ICustomQueryParameter Jsonb(object? value) => new JsonbParameter(JsonText(value));

    /// <summary>A positional <c>jsonb</c> parameter for a <see cref="TenantBatch"/>.</summary>
    public static NpgsqlParameter JsonbValue(object? value) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)JsonText(value) ?? DBNull.Value };

    /// <summary>A positional <c>text</c> parameter (null is a typed SQL NULL).</summary>
    public static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    /// <summary>A positional array parameter of <paramref name="elementType"/>.</summary>
    public static NpgsqlParameter Array<T>(NpgsqlDbType elementType, T[] values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | elementType, Value = values };

    private static string? JsonText(object? value) => value switch
    {
        null => null,
        string text => text,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };

    private sealed class JsonbParameter(string? json) : SqlMapper.ICustomQueryParameter
    {
        public void AddParameter(IDbCommand command, string name) =>
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = (object?)json ?? DBNull.Value });
    }
}
