using System.Globalization;
using System.Text.Json;
using Avenir.Infrastructure.Database;
using Npgsql;
using NpgsqlTypes;

namespace Avenir.Api.Dashboard;

/// <summary>
/// The dashboard's reads: plain SQL in a transaction scoped to the client (row-level security confines it
/// too), every statement filtering on client_id so the client_id-leading indexes serve it. Writes go
/// through the lead's grain.
/// </summary>
public sealed class LeadQueries(TenantDatabase database)
{
    public const int MaxExportRows = 50_000;

    private const string ListColumns = """
        id, name, email, company, left(message, 160), language, intent, urgency, tone, confidence_score, ai_summary,
        current_tag, archived, deleted, converted_at IS NOT NULL, created_at
        """;

    // Parameters $2… are the filter values; a null value means "any".
    private const string Filters = """
          AND ($2::text IS NULL OR intent = $2)
          AND ($3::text IS NULL OR urgency = $3)
          AND ($4::text IS NULL OR current_tag = $4)
          AND ($5::text IS NULL OR language = $5)
          AND ($6::timestamptz IS NULL OR created_at >= $6)
          AND ($7::timestamptz IS NULL OR created_at < $7)
          AND ($8::text IS NULL OR name ILIKE $8 OR email ILIKE $8 OR company ILIKE $8 OR message ILIKE $8)
        """;

    public async Task<ListPage<LeadListItem>> ListAsync(Guid clientId, LeadFilter filter, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        await using var batch = transaction.Batch()
            .Add($"SELECT count(*) FROM lead_memory WHERE client_id = $1 AND {StatusPredicate(filter.Status)} {Filters}", FilterParameters(clientId, filter))
            .Add($"SELECT {ListColumns} FROM lead_memory WHERE client_id = $1 AND {StatusPredicate(filter.Status)} {Filters} ORDER BY {Order(filter)} LIMIT $9 OFFSET $10",
                [.. FilterParameters(clientId, filter), filter.PageSize, filter.Offset]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<LeadListItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadListItem(reader));
        }

        return new ListPage<LeadListItem>(items, filter.Page, filter.PageSize, total);
    }

    /// <summary>Every lead matching the filter (up to <see cref="MaxExportRows"/>), streamed to <paramref name="write"/>.</summary>
    public async Task ExportAsync(Guid clientId, LeadFilter filter, Func<ExportRow, Task> write, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        await using var command = transaction.Command(
            $"""
            SELECT id, created_at, name, email, phone, company, language, intent, urgency, tone, confidence_score, current_tag,
                   archived, deleted, converted_at IS NOT NULL, ai_summary, message
              FROM lead_memory WHERE client_id = $1 AND {StatusPredicate(filter.Status)} {Filters}
             ORDER BY {Order(filter)} LIMIT {MaxExportRows}
            """,
            FilterParameters(clientId, filter));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await write(new ExportRow(
                reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), Text(reader, 2), reader.GetString(3), Text(reader, 4), Text(reader, 5),
                Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9), Number(reader, 10), Text(reader, 11),
                reader.GetBoolean(12), reader.GetBoolean(13), reader.GetBoolean(14), Text(reader, 15), reader.GetString(16)));
        }
    }

    public sealed record ExportRow(
        Guid Id, DateTimeOffset ReceivedAt, string? Name, string Email, string? Phone, string? Company, string? Language, string? Intent,
        string? Urgency, string? Tone, double? Confidence, string? Tag, bool Archived, bool Deleted, bool Converted, string? Summary, string Message);

    /// <summary>The lead with its notes and actions, or null when this client has no such lead.</summary>
    public async Task<LeadDetail?> DetailAsync(Guid clientId, Guid leadId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        await using var batch = transaction.Batch()
            .Add(
                """
                SELECT id, name, email, phone, company, message, language, intent, urgency, tone, confidence_score, ai_summary,
                       current_tag, archived, archived_at, deleted, deleted_at, converted_at, created_at, updated_at, duplicate_count,
                       is_test, metadata::text, enrichment_status, enrichment_model, enriched_at, tone_history::text,
                       confidence_history::text, urgency_history::text, auto_reply_status, auto_reply_sent_at, auto_reply_note
                  FROM lead_memory WHERE client_id = $1 AND id = $2
                """,
                clientId, leadId)
            .Add(NotesSql, clientId, leadId)
            .Add(ActionsSql + " AND a.lead_id = $2 ORDER BY a.\"timestamp\" DESC, a.id DESC LIMIT 500", clientId, leadId);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var confidence = Number(reader, 10);
        var detail = new LeadDetail
        {
            Id = reader.GetGuid(0),
            Name = Text(reader, 1),
            Email = reader.GetString(2),
            Phone = Text(reader, 3),
            Company = Text(reader, 4),
            Message = reader.GetString(5),
            Language = Text(reader, 6),
            Intent = Text(reader, 7),
            Urgency = Text(reader, 8),
            Tone = Text(reader, 9),
            Confidence = confidence,
            Summary = Text(reader, 11),
            Tag = Text(reader, 12),
            Archived = reader.GetBoolean(13),
            ArchivedAt = Instant(reader, 14),
            Deleted = reader.GetBoolean(15),
            DeletedAt = Instant(reader, 16),
            Converted = !reader.IsDBNull(17),
            ConvertedAt = Instant(reader, 17),
            ReceivedAt = reader.GetFieldValue<DateTimeOffset>(18),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(19),
            DuplicateCount = reader.GetInt32(20),
            IsTest = reader.GetBoolean(21),
            Metadata = Json(reader.GetString(22)),
            Enrichment = new LeadEnrichmentView(reader.GetString(23), Text(reader, 6), Text(reader, 7), Text(reader, 9), Text(reader, 8),
                confidence, Text(reader, 11), Text(reader, 24), Instant(reader, 25)),
            ToneHistory = Json(reader.GetString(26)),
            ConfidenceHistory = Json(reader.GetString(27)),
            UrgencyHistory = Json(reader.GetString(28)),
            AutoReply = new AutoReplyView(Text(reader, 29), Instant(reader, 30), Text(reader, 31)),
        };

        await reader.NextResultAsync(cancellationToken);
        var notes = await ReadNotesAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var actions = new List<ActionView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            actions.Add(ReadAction(reader));
        }

        return detail with { Notes = notes, Actions = actions };
    }

    /// <summary>The lead's visible notes, oldest first; null when this client has no such lead.</summary>
    public async Task<IReadOnlyList<NoteView>?> NotesAsync(Guid clientId, Guid leadId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        await using var batch = transaction.Batch()
            .Add("SELECT 1 FROM lead_memory WHERE client_id = $1 AND id = $2", clientId, leadId)
            .Add(NotesSql, clientId, leadId);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        return await ReadNotesAsync(reader, cancellationToken);
    }

    /// <summary>The client's activity log: its lead actions, newest first.</summary>
    public async Task<ListPage<ActionView>> ActivityAsync(Guid clientId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        await using var batch = transaction.Batch()
            .Add("SELECT count(*) FROM lead_actions WHERE client_id = $1", clientId)
            .Add(ActionsSql + " ORDER BY a.\"timestamp\" DESC, a.id DESC LIMIT $2 OFFSET $3", clientId, pageSize, (int)Math.Min(int.MaxValue, (long)(page - 1) * pageSize));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<ActionView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadAction(reader));
        }

        return new ListPage<ActionView>(items, page, pageSize, total);
    }

    private const string NotesSql = """
        SELECT id, note, performed_by, created_at, updated_at, edit_history::text
          FROM lead_notes WHERE client_id = $1 AND lead_id = $2 AND deleted_at IS NULL
         ORDER BY created_at, id
        """;

    private const string ActionsSql = """
        SELECT a.id, a.lead_id, l.name, a.action_type, a.tag, a.performed_by, a."timestamp", a.conversion_outcome, a.reversion_reason, a.metadata::text
          FROM lead_actions a
          JOIN lead_memory l ON l.client_id = a.client_id AND l.id = a.lead_id
         WHERE a.client_id = $1
        """;

    /// <summary>One of a fixed set of predicates (never text from the request), so each status plans onto its own index.</summary>
    private static string StatusPredicate(string status) => status switch
    {
        "active" => "NOT deleted AND NOT archived",
        "archived" => "archived AND NOT deleted",
        "deleted" => "deleted",
        "converted" => "converted_at IS NOT NULL AND NOT deleted",
        _ => "true",
    };

    /// <summary>One of a fixed set of orderings; ties broken by newest first, then id, so paging is stable.</summary>
    private static string Order(LeadFilter filter) => (filter.Sort, filter.Ascending) switch
    {
        ("urgency", false) => "CASE urgency WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 END DESC NULLS LAST, created_at DESC, id DESC",
        ("urgency", true) => "CASE urgency WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 END ASC NULLS LAST, created_at DESC, id DESC",
        ("confidence", false) => "confidence_score DESC NULLS LAST, created_at DESC, id DESC",
        ("confidence", true) => "confidence_score ASC NULLS LAST, created_at DESC, id DESC",
        ("name", false) => "lower(name) DESC NULLS LAST, created_at DESC, id DESC",
        ("name", true) => "lower(name) ASC NULLS LAST, created_at DESC, id DESC",
        (_, true) => "created_at ASC, id ASC",
        _ => "created_at DESC, id DESC",
    };

    private static object?[] FilterParameters(Guid clientId, LeadFilter filter) =>
    [
        clientId,
        Nullable(filter.Intent, NpgsqlDbType.Text),
        Nullable(filter.Urgency, NpgsqlDbType.Text),
        Nullable(filter.Tag, NpgsqlDbType.Text),
        Nullable(filter.Language, NpgsqlDbType.Text),
        Nullable(filter.From, NpgsqlDbType.TimestampTz),
        Nullable(filter.To, NpgsqlDbType.TimestampTz),
        Nullable(filter.SearchPattern, NpgsqlDbType.Text),
    ];

    private static async Task<IReadOnlyList<NoteView>> ReadNotesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var notes = new List<NoteView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var history = JsonDocument.Parse(reader.GetString(5));
            notes.Add(new NoteView(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                [.. history.RootElement.EnumerateArray().Select(edit => new NoteEditView(
                    edit.TryGetProperty("note", out var text) ? text.GetString() ?? "" : "",
                    edit.TryGetProperty("edited_at", out var at) ? at.GetDateTimeOffset() : default,
                    edit.TryGetProperty("performed_by", out var by) ? by.GetString() : null))]));
        }

        return notes;
    }

    private static LeadListItem ReadListItem(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), Text(reader, 1), reader.GetString(2), Text(reader, 3), reader.GetString(4), Text(reader, 5), Text(reader, 6),
        Text(reader, 7), Text(reader, 8), Number(reader, 9), Text(reader, 10), Text(reader, 11), reader.GetBoolean(12), reader.GetBoolean(13),
        reader.GetBoolean(14), reader.GetFieldValue<DateTimeOffset>(15));

    private static ActionView ReadAction(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), Text(reader, 2), reader.GetString(3), Text(reader, 4), Text(reader, 5),
        reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetBoolean(7), Text(reader, 8), Json(reader.GetString(9)));

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Instant(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static double? Number(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };
}
