using Avenir.Api.Clients;
using Avenir.Api.Hosting;
using Avenir.Api.Leads;
using Avenir.Grains.Database;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
var database = DatabaseSettings.From(builder.Configuration);
builder.AddAvenirDatabase(database);
builder.AddAvenirClusterClient(database);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
builder.Services.AddOpenApi();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ClientKeyDirectory>();
builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection(IntakeOptions.Section));
builder.Services.AddIntakeRateLimiting();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapLeadIntakeApi();
app.MapLeadsApi();

await app.RunAsync();

/// <summary>Entry point, visible to the functional tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
