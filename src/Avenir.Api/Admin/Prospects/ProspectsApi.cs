using Avenir.Api.Auth;
using Avenir.Api.Dashboard;
using Avenir.Api.Hosting;
using Avenir.Api.Leads;
using Avenir.Contracts.Prospects;

namespace Avenir.Api.Admin.Prospects;

/// <summary>
/// The agency's prospects (docs/prospects.md): CSV import through <see cref="IProspectImportGrain"/> (each company then
/// merged by its <see cref="IProspectGrain"/>, the single writer of its row), the list and one prospect read by
/// <see cref="ProspectQueries"/>.
/// </summary>
public static class ProspectsApi
{
    /// <summary>The largest CSV accepted: ~50,000 rows of a typical list (the importer's row limit).</summary>
    public const long MaxImportBytes = 32L * 1024 * 1024;

    public static IEndpointRouteBuilder MapProspectsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("Admin: prospects");
        admin.MapPost("/prospects/import", ImportAsync).WithName("AdminImportProspects")
            .WithSummary("Imports a CSV prospect list (text/csv body or a multipart file): {imported, merged, unchanged, rejected, errors:[{line, message}]}.")
            .WithDescription("Body: text/csv, or multipart/form-data with one file. (Not declared with Accepts: routing would answer other "
                + "media types with a bare 415 instead of our problem body.)")
            .WithMetadata(new RequestBodyLimit(MaxImportBytes))
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);
        admin.MapGet("/prospects", ListAsync).WithName("AdminListProspects")
            .WithSummary("Prospects (?industry&region&language&minScore&maxScore&source&contacted&tested&sort=score|name|last_seen|created&page&pageSize).")
            .ProducesProblem(400);
        admin.MapGet("/prospects/{id:guid}", GetAsync).WithName("AdminGetProspect")
            .WithSummary("One prospect: its sources and their records, the score explanation and the form-test history.")
            .ProducesProblem(404);
        admin.MapPost("/prospects/{id:guid}/consent", RecordConsentAsync).WithName("AdminRecordProspectConsent")
            .WithSummary("Records CASL consent evidence for one of the prospect's addresses: {kind: conspicuous_publication (sourceUrl, seenAt, "
                + "note = why it is relevant) | express_consent (method web_form|email|written|oral, seenAt = given at, note = the evidence) | "
                + "existing_business_relationship (method purchase_or_contract|inquiry, seenAt = since, note = the evidence), emailAddress, "
                + "pageRefusesUnsolicitedEmail}: 201 with the evidence. Every send evaluates the newest evidence of its address.")
            .ProducesProblem(400).ProducesProblem(404);
        admin.MapPost("/prospects/discover", DiscoverAsync).WithName("AdminDiscoverProspects")
            .WithSummary("Starts a prospect_discovery job running the ICP against every configured source: 202 {jobId}.")
            .ProducesProblem(409);
        admin.MapPost("/prospects/rescore", RescoreAsync).WithName("AdminRescoreProspects")
            .WithSummary("Starts a prospect_rescore job recomputing every prospect's score (unless one is waiting: its id): 202 {jobId}.");
        admin.MapPost("/prospects/{id:guid}/form-tests", StartFormTestAsync).WithName("AdminStartProspectFormTest")
            .WithSummary("Starts a form test of the prospect's contact form (a prospect_form_test job): 202 {testId, jobId}; "
                + "the result appears in the prospect's formTests.")
            .ProducesProblem(404).ProducesProblem(409);
        admin.MapGet("/prospects/jobs/{id:guid}", JobAsync).WithName("AdminProspectJob")
            .WithSummary("A prospect job's status (discovery, form test, daily queue, similarity, rescore): {id, jobType, status, progress, progressMessage, "
                + "result, error, lastError, createdAt, runAfter, completedAt}; a form test waiting for its answer is pending with a later runAfter.")
            .ProducesProblem(404);
        admin.MapGet("/prospects/queue", QueueAsync).WithName("AdminProspectQueue")
            .WithSummary("The day's prospect queue (?date=yyyy-MM-dd, default today UTC): {date, selectedAt, "
                + "items:[{position, prospectId, domain, businessName, industry, score, contacted}]}.")
            .ProducesProblem(400).ProducesProblem(404);
        admin.MapGet("/prospects/sources", SourcesAsync).WithName("AdminProspectSources")
            .WithSummary("The discovery sources (pdl, apollo, google): configured or not, and the quota used as the answering silo "
                + "counts it: [{name, configured, requestsLastMinute, requestsPerMinute, creditsUsed, creditLimit, periodStart, blockedUntil}].");
        admin.MapProspectIcpApi();
        return app;
    }

    public sealed record ProspectPage(IReadOnlyList<ProspectListItem> Items, long Total, int Page, int PageSize);

    /// <param name="Consent">The CASL consent evidence, newest first; empty means no email may be sent to the prospect.</param>
    public sealed record ProspectDetail(ProspectDetailRow Prospect, IReadOnlyList<ProspectFormTestRow> FormTests, IReadOnlyList<ProspectConsentItem> Consent);

    /// <summary>The body of <c>POST /api/admin/prospects/{id}/consent</c> (the recorder is the signed-in admin).</summary>
    public sealed record ConsentRequest(
        string? Kind, string? EmailAddress, string? SourceUrl, DateTimeOffset? SeenAt, string? Method, bool? PageRefusesUnsolicitedEmail,
        string? Note);

    public static async Task<Results<Created<ProspectConsentItem>, ProblemHttpResult>> RecordConsentAsync(
        Guid id, ConsentRequest? request, HttpContext http, IGrainFactory grains, ProspectQueries queries, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return DashboardProblems.Invalid("invalid_request", "body", "Send the consent evidence as a JSON object.");
        }

        var evidence = new ProspectConsentEvidence(
            request.Kind ?? "", request.EmailAddress?.Trim() ?? "", request.SourceUrl?.Trim(), request.SeenAt ?? default,
            string.IsNullOrWhiteSpace(request.Method) ? null : request.Method, request.PageRefusesUnsolicitedEmail ?? false,
            request.Note?.Trim() ?? "", DashboardUser.From(http.User)!.Email);
        var errors = ProspectConsentValidation.Validate(evidence, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return DashboardProblems.Invalid(new Dictionary<string, string[]>(errors, StringComparer.Ordinal));
        }

        if (await queries.DomainAsync(id, cancellationToken) is not { } domain
            || await grains.GetGrain<IProspectGrain>(domain).RecordConsentAsync(evidence) is not { } recorded || recorded.ProspectId != id)
        {
            return DashboardProblems.NotFound("prospect");
        }

        var item = new ProspectConsentItem
        {
            Id = recorded.Id, Kind = evidence.Kind, EmailAddress = evidence.EmailAddress.ToLowerInvariant(),
            SourceUrl = string.IsNullOrWhiteSpace(evidence.SourceUrl) ? null : evidence.SourceUrl, SeenAt = evidence.SeenAt.ToUniversalTime(),
            Method = evidence.Method, PageRefusesUnsolicitedEmail = evidence.PageRefusesUnsolicitedEmail, Note = evidence.Note,
            RecordedBy = evidence.RecordedBy, CreatedAt = recorded.CreatedAt,
        };
        return TypedResults.Created($"/api/admin/prospects/{id}", item);
    }

    public static async Task<Results<Ok<ProspectImportReport>, ProblemHttpResult>> ImportAsync(
        HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = http.Request;
        byte[] csv;
        if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (InvalidDataException exception)
            {
                // No boundary, a broken part, a body that is not multipart at all (found by the fuzz suite): the client's error.
                return DashboardProblems.Invalid("multipart_invalid", "file", $"The multipart body could not be read: {exception.Message}");
            }

            if (form.Files.Count != 1)
            {
                return DashboardProblems.Invalid("csv_file_missing", "file", "Send exactly one CSV file in the multipart body.");
            }

            using var buffer = new MemoryStream();
            await form.Files[0].CopyToAsync(buffer, cancellationToken);
            csv = buffer.ToArray();
        }
        else if (request.ContentType is { } type
                 && (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            csv = buffer.ToArray();
        }
        else
        {
            return IntakeProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type",
                $"Content-Type '{request.ContentType ?? "(none)"}' is not accepted: send text/csv or a multipart/form-data file.");
        }

        if (csv.Length == 0)
        {
            return DashboardProblems.Invalid("csv_empty", "file", "The CSV is empty: it needs a header line and rows.");
        }

        // Text PostgreSQL cannot store (NUL) or that is not UTF-8 is refused here, never half-imported.
        if (!IsStorableUtf8(csv))
        {
            return DashboardProblems.Invalid("csv_unreadable", "file", "The CSV must be UTF-8 text without NUL characters.");
        }

        var report = await grains.GetGrain<IProspectImportGrain>(0).ImportCsvAsync(csv);
        return TypedResults.Ok(report);
    }

    public sealed record JobStarted(Guid JobId);

    public sealed record FormTestStarted(Guid TestId, Guid JobId);

    public static async Task<Results<Ok<ProspectJobStatus>, ProblemHttpResult>> JobAsync(
        Guid id, ProspectQueries queries, CancellationToken cancellationToken) =>
        await queries.JobAsync(id, cancellationToken) is { } job ? TypedResults.Ok(job) : DashboardProblems.NotFound("prospect job");

    public static async Task<Results<Accepted<FormTestStarted>, ProblemHttpResult>> StartFormTestAsync(Guid id, IGrainFactory grains)
    {
        var start = await grains.GetGrain<IProspectJobsGrain>(0).StartFormTestAsync(id);
        return start switch
        {
            { TestId: { } testId, JobId: { } jobId } => TypedResults.Accepted($"/api/admin/prospects/{id}", new FormTestStarted(testId, jobId)),
            { Refusal: "do_not_contact" } => DashboardProblems.Conflict("do_not_contact",
                "The prospect is do-not-contact: its form is not sent an inquiry, not even a test."),
            _ => DashboardProblems.NotFound("prospect"),
        };
    }

    public static async Task<Ok<IReadOnlyList<ProspectSourceStatus>>> SourcesAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProspectSourcesGrain>(0).GetAsync());

    public sealed record ProspectQueue(DateOnly Date, DateTimeOffset SelectedAt, IReadOnlyList<ProspectQueueItem> Items);

    public static async Task<Results<Ok<ProspectQueue>, ProblemHttpResult>> QueueAsync(
        HttpContext http, ProspectQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (http.Request.Query["date"] is { Count: > 0 } values
            && !DateOnly.TryParseExact(values.ToString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out day))
        {
            return DashboardProblems.Invalid("invalid_request", "date", "date is a day as yyyy-MM-dd.");
        }

        return await queries.QueueAsync(day, cancellationToken) is { } queue
            ? TypedResults.Ok(new ProspectQueue(day, queue.SelectedAt, queue.Items))
            : IntakeProblems.Problem(StatusCodes.Status404NotFound, "queue_not_selected", "Not found",
                $"The prospect queue of {day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} has not been selected "
                + "(the daily_prospect_queue job runs each day).");
    }

    public static async Task<Results<Accepted<JobStarted>, ProblemHttpResult>> DiscoverAsync(IGrainFactory grains)
    {
        if (await grains.GetGrain<IProspectJobsGrain>(0).StartDiscoveryAsync() is not { } jobId)
        {
            return DashboardProblems.Conflict("icp_not_defined",
                "Define the ideal customer profile first (PUT /api/admin/prospects/icp): discovery searches for it.");
        }

        return TypedResults.Accepted($"/api/admin/prospects/jobs/{jobId}", new JobStarted(jobId));
    }

    /// <summary>Rescores all prospects in the background; a request while one rescore waits points at that one.</summary>
    public static async Task<Accepted<JobStarted>> RescoreAsync(IGrainFactory grains)
    {
        var jobId = await grains.GetGrain<IProspectJobsGrain>(0).StartRescoreAsync();
        return TypedResults.Accepted($"/api/admin/prospects/jobs/{jobId}", new JobStarted(jobId));
    }

    public static async Task<Results<Ok<ProspectPage>, ProblemHttpResult>> ListAsync(
        HttpContext http, ProspectQueries queries, CancellationToken cancellationToken)
    {
        if (!ProspectFilter.TryParse(http.Request.Query, out var filter, out var parameter, out var detail))
        {
            return DashboardProblems.Invalid("invalid_request", parameter, detail);
        }

        var (items, total) = await queries.ListAsync(filter, cancellationToken);
        return TypedResults.Ok(new ProspectPage(items, total, filter.Page, filter.PageSize));
    }

    public static async Task<Results<Ok<ProspectDetail>, ProblemHttpResult>> GetAsync(
        Guid id, ProspectQueries queries, CancellationToken cancellationToken)
    {
        var (prospect, tests, consent) = await queries.FindAsync(id, cancellationToken);
        return prospect is null ? DashboardProblems.NotFound("prospect") : TypedResults.Ok(new ProspectDetail(prospect, tests, consent));
    }

    private static bool IsStorableUtf8(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return false;
        }

        try
        {
            _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return true;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
    }
}
