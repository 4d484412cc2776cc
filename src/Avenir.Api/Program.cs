using Avenir.Api.Auth;
using Avenir.Api.Clients;
using Avenir.Api.Dashboard;
using Avenir.Api.Hosting;
using Avenir.Api.Leads;
using Avenir.Api.Outreach;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
var database = DatabaseSettings.From(builder.Configuration);
builder.AddAvenirDatabase(database);
builder.AddAvenirClusterClient(database);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DependencyUnavailableHandler>();
builder.Services.AddMalformedRequestAnswers(); // unreadable or unstorable requests: 4xx problems, never 500
builder.Services.AddOpenApi();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddAvenirQueries();
builder.Services.AddSingleton<ClientKeyDirectory>();
builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection(IntakeOptions.Section));
builder.Services.Configure<SignInOptions>(builder.Configuration.GetSection(SignInOptions.Section));
builder.Services.Configure<TrackingEndpointOptions>(builder.Configuration.GetSection(TrackingEndpointOptions.Section));
builder.Services.AddSingleton<IntakeKeyLimiter>();
builder.Services.AddPublicRateLimiting();
builder.Services.AddProxyHeaders(builder.Configuration);
// No endpoint reads more than a lead form or a settings page; larger bodies (an import) must say so per endpoint.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);
builder.Services.AddDashboard();
builder.Services.AddPerformanceMetrics(builder.Configuration); // API response times, aggregated in process, written every 10 s

var app = builder.Build();

app.UseForwardedHeaders(); // first: the client's IP and scheme, from configured proxies only
app.UseMiddleware<ApiResponseMetrics>(); // it must see the final status, 500s and 429s included
app.UseMiddleware<SecurityHeaders>();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseExceptionHandler();
app.UseStatusCodePages();
// The dashboard web UI (wwwroot: plain HTML, CSS and ES modules); revalidated on every load so a deploy shows at once.
app.UseDefaultFiles();
app.UseStaticFiles(new StaticFileOptions
{
    OnPrepareResponse = context =>
    {
        context.Context.Response.Headers.CacheControl = "no-cache";
        context.Context.Response.Headers.XContentTypeOptions = "nosniff";
    },
});
app.UseRateLimiter();
app.UseMiddleware<RequestBodyLimits>();
app.UseMiddleware<RequestTextGuard>(); // a NUL in the query string, a JSON charset no one can decode
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json"); // the one document AddOpenApi makes; another name is a 404 problem
app.MapLeadIntakeApi();
app.MapLeadsApi();
app.MapOutreachTrackingApi(); // /t/o, /t/c, /u: the outreach emails' open, click and unsubscribe links
app.MapDashboard();

await app.RunAsync();

/// <summary>Entry point, visible to the functional tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
