using Dapper;
using System.Text.Json;

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
        id, name, email, company, left(message, 160) AS message_preview, language, intent, urgency, tone, confidence_score AS confidence,
        ai_summary AS summary, current_tag AS tag, archived, deleted, converted_at IS NOT NULL AS converted, created_at AS received_at
        """;

    // A null filter value means "any".
    private const string Filters = """
          AND (@Intent::text IS NULL OR intent = @Intent)
          AND (@Urgency::text IS NULL OR urgency = @Urgency)
          AND (@Tag::text IS NULL OR current_tag = @Tag)
          AND (@Language::text IS NULL OR language = @Language)
          AND (@From::timestamptz IS NULL OR created_at >= @From)
          AND (@To::timestamptz IS NULL OR created_at < @To)
          AND (@SearchPattern::text IS NULL OR name ILIKE @SearchPattern OR email ILIKE @SearchPattern
               OR company ILIKE @SearchPattern OR message ILIKE @SearchPattern)
        """;

    private const string Notes = """
        SELECT id, note AS text, performed_by, created_at, updated_at, edit_history
          FROM lead_notes WHERE client_id = @clientId AND lead_id = @leadId AND deleted_at IS NULL
         ORDER BY created_at, id
        """;

    private const string Actions = """
        SELECT a.id, a.lead_id, l.name AS lead_name, a.action_type AS action, a.tag, a.performed_by, a."timestamp" AS at,
               a.conversion_outcome, a.reversion_reason AS reason, a.metadata
          FROM lead_actions a
          JOIN lead_memory l ON l.client_id = a.client_id AND l.id = a.lead_id
         WHERE a.client_id = @clientId
        """;

    /// <summary>
    /// One page of the list. In the received order it reads by keyset (after <see cref="LeadFilter.Cursor"/>, or from the
    /// start; one index range read at any depth, V50) and gives the next page's cursor; other orders page by offset.
    /// <paramref name="knownTotal"/> is the client's grain's count of the status when nothing else narrows the list: then
    /// no count runs; otherwise the filtered total is counted exactly.
    /// </summary>
    public async Task<ListPage<LeadListItem>> ListAsync(Guid clientId, LeadFilter filter, long? knownTotal, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        var where = $"client_id = @clientId AND {StatusPredicate(filter.Status)} {Filters}";
        var received = filter.Sort == "received";
        // One of three fixed texts: after the cursor (in the page's direction), or none.
        var after = filter.Cursor is null ? ""
            : filter.Ascending ? "AND (created_at, id) > (@CursorAt, @CursorId)"
            : "AND (created_at, id) < (@CursorAt, @CursorId)";
        var offset = filter.Cursor is null ? "OFFSET @Offset" : "";
        var page = $"SELECT {ListColumns} FROM lead_memory WHERE {where} {after} ORDER BY {Order(filter)} LIMIT @Limit {offset};";
        var parameters = new DynamicParameters(Parameters(clientId, filter));
        parameters.Add("Limit", received ? filter.PageSize + 1 : filter.PageSize); // one more tells whether a next page exists
        parameters.Add("CursorAt", filter.Cursor?.At);
        parameters.Add("CursorId", filter.Cursor?.Id);
        long total;
        List<LeadListItem> items;
        if (knownTotal is { } known)
        {
            total = known;
            items = [.. await transaction.QueryAsync<LeadListItem>(page, parameters, cancellationToken)];
        }
        else
        {
            await using var results = await transaction.QueryMultipleAsync(
                $"SELECT count(*) FROM lead_memory WHERE {where}; {page}", parameters, cancellationToken);
            total = await results.ReadSingleAsync<long>();
            items = (await results.ReadAsync<LeadListItem>()).ToList();
        }

        string? next = null;
        if (received && items.Count > filter.PageSize)
        {
            items.RemoveAt(items.Count - 1);
            next = new LeadCursor(items[^1].ReceivedAt, items[^1].Id).Encode();
        }

        return new ListPage<LeadListItem>(items, filter.Page, filter.PageSize, total)
        {
            TotalSource = knownTotal is null ? TotalSources.Count : TotalSources.Grain,
            NextCursor = next,
        };
    }

    /// <summary>Every lead matching the filter (up to <see cref="MaxExportRows"/>), streamed to <paramref name="write"/>.</summary>
    public async Task ExportAsync(Guid clientId, LeadFilter filter, Func<ExportRow, Task> write, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        await foreach (var row in transaction.StreamAsync<ExportRow>(
            $"""
            SELECT id, created_at AS received_at, name, email, phone, company, language, intent, urgency, tone, confidence_score AS confidence,
                   current_tag AS tag, archived, deleted, converted_at IS NOT NULL AS converted, ai_summary AS summary, message
              FROM lead_memory WHERE client_id = @clientId AND {StatusPredicate(filter.Status)} {Filters}
             ORDER BY {Order(filter)} LIMIT {MaxExportRows}
            """,
            Parameters(clientId, filter), cancellationToken))
        {
            await write(row);
        }
    }

    /// <summary>One CSV line of the export.</summary>
    public sealed record ExportRow(
        Guid Id, DateTimeOffset ReceivedAt, string? Name, string Email, string? Phone, string? Company, string? Language, string? Intent,
        string? Urgency, string? Tone, decimal? Confidence, string? Tag, bool Archived, bool Deleted, bool Converted, string? Summary, string Message);

    /// <summary>The lead with its notes and actions, or null when this client has no such lead.</summary>
    public async Task<LeadDetail?> DetailAsync(Guid clientId, Guid leadId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        await using var results = await transaction.QueryMultipleAsync(
            $"""
            SELECT id, name, email, phone, company, message, language, intent, urgency, tone, confidence_score AS confidence, ai_summary AS summary,
                   detected_language, ai_summary_source AS summary_source, ai_summary_language AS summary_language,
                   ai_summary_translation AS summary_translation, ai_summary_translation_language AS summary_translation_language,
                   current_tag AS tag, archived, archived_at, deleted, deleted_at, converted_at IS NOT NULL AS converted, converted_at,
                   created_at AS received_at, updated_at, duplicate_count, is_test, metadata, tone_history, confidence_history, urgency_history
              FROM lead_memory WHERE client_id = @clientId AND id = @leadId;
            SELECT enrichment_status, enrichment_model, enriched_at, auto_reply_status, auto_reply_sent_at, auto_reply_note, auto_reply_reason
              FROM lead_memory WHERE client_id = @clientId AND id = @leadId;
            {Notes};
            {Actions} AND a.lead_id = @leadId ORDER BY a."timestamp" DESC, a.id DESC LIMIT 500;
            """,
            new { clientId, leadId }, cancellationToken);
        // The lead maps onto LeadDetail by column name; its two nested views come from the second statement.
        if (await results.ReadSingleOrDefaultAsync<LeadDetail>() is not { } lead)
        {
            return null;
        }

        var processing = await results.ReadSingleAsync<ProcessingRow>();
        var notes = (await results.ReadAsync<NoteRow>()).Select(note => note.ToView()).ToList();
        var actions = (await results.ReadAsync<ActionView>()).ToList();
        return lead with
        {
            Enrichment = new LeadEnrichmentView(
                processing.EnrichmentStatus, lead.Language, lead.Intent, lead.Tone, lead.Urgency, lead.Confidence, lead.Summary,
                processing.EnrichmentModel, processing.EnrichedAt),
            AutoReply = new AutoReplyView(processing.AutoReplyStatus, processing.AutoReplySentAt, processing.AutoReplyNote, processing.AutoReplyReason),
            Notes = notes,
            Actions = actions,
        };
    }

    /// <summary>The lead's visible notes, oldest first; null when this client has no such lead.</summary>
    public async Task<IReadOnlyList<NoteView>?> NotesAsync(Guid clientId, Guid leadId, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        await using var results = await transaction.QueryMultipleAsync(
            $"SELECT count(*) FROM lead_memory WHERE client_id = @clientId AND id = @leadId; {Notes};", new { clientId, leadId }, cancellationToken);
        if (await results.ReadSingleAsync<long>() == 0)
        {
            return null;
        }

        return [.. (await results.ReadAsync<NoteRow>()).Select(note => note.ToView())];
    }

    /// <summary>The client's activity log: its lead actions, newest first.</summary>
    public async Task<ListPage<ActionView>> ActivityAsync(Guid clientId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var transaction = await database.BeginForClientAsync(clientId, cancellationToken);
        await using var results = await transaction.QueryMultipleAsync(
            $"""
            SELECT count(*) FROM lead_actions WHERE client_id = @clientId;
            {Actions} ORDER BY a."timestamp" DESC, a.id DESC LIMIT @pageSize OFFSET @offset;
            """,
            new { clientId, pageSize, offset = (int)Math.Min(int.MaxValue, (long)(page - 1) * pageSize) }, cancellationToken);
        var total = await results.ReadSingleAsync<long>();
        var items = (await results.ReadAsync<ActionView>()).ToList();
        return new ListPage<ActionView>(items, page, pageSize, total);
    }

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

    private static object Parameters(Guid clientId, LeadFilter filter) => new
    {
        clientId,
        filter.Intent,
        filter.Urgency,
        filter.Tag,
        filter.Language,
        filter.From,
        filter.To,
        filter.SearchPattern,
        filter.PageSize,
        filter.Offset,
    };

    private sealed record NoteRow(Guid Id, string Text, string PerformedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonElement EditHistory)
    {
        public NoteView ToView() => new(Id, Text, PerformedBy, CreatedAt, UpdatedAt,
            [.. EditHistory.EnumerateArray().Select(edit => new NoteEditView(
                edit.TryGetProperty("note", out var text) ? text.GetString() ?? "" : "",
                edit.TryGetProperty("edited_at", out var at) ? at.GetDateTimeOffset() : default,
                edit.TryGetProperty("performed_by", out var by) ? by.GetString() : null))]);
    }

    private sealed record ProcessingRow(
        string EnrichmentStatus, string? EnrichmentModel, DateTimeOffset? EnrichedAt,
        string? AutoReplyStatus, DateTimeOffset? AutoReplySentAt, string? AutoReplyNote, string? AutoReplyReason);
}
