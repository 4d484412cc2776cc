using System.Data;
using System.Text.Json;
using Dapper;

namespace Avenir.Infrastructure.Database;

/// <summary>
/// How rows become objects, once per process (decision 0008): by column name, <c>snake_case</c> columns to
/// <c>PascalCase</c> members (alias a column in SQL where the member is named otherwise), never by position.
/// The handlers cover what Npgsql returns in another shape than our records hold: <c>timestamptz</c> comes
/// as a UTC <see cref="DateTime"/>, <c>text[]</c> as an array, <c>jsonb</c> as text.
/// </summary>
public static class SqlMapping
{
    private static int configured;

    /// <summary>Configures Dapper; idempotent and cheap, called by <see cref="TenantDatabase"/> before any statement.</summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref configured, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new TextListHandler());
        SqlMapper.AddTypeHandler(new JsonElementHandler());
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            DateTimeOffset offset => offset,
            _ => throw new DataException($"Cannot read a {value.GetType().Name} as a DateTimeOffset."),
        };

        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();
    }

    private sealed class TextListHandler : SqlMapper.TypeHandler<IReadOnlyList<string>>
    {
        public override IReadOnlyList<string> Parse(object value) => (string[])value;

        public override void SetValue(IDbDataParameter parameter, IReadOnlyList<string>? value) =>
            parameter.Value = value is null ? DBNull.Value : value.ToArray();
    }

    private sealed class JsonElementHandler : SqlMapper.TypeHandler<JsonElement>
    {
        public override JsonElement Parse(object value)
        {
            using var document = JsonDocument.Parse((string)value);
            return document.RootElement.Clone();
        }

        // Parameters of JSON go through Sql.Jsonb, which types them jsonb; a bare JsonElement is sent as its text.
        public override void SetValue(IDbDataParameter parameter, JsonElement value) => parameter.Value = value.GetRawText();
    }
}
