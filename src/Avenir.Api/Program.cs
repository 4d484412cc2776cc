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
builder.Services.AddOpenApi();
builder.Services.AddSingleton<ApiKeyDirectory>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapLeadsApi();

await app.RunAsync();

/// <summary>Entry point, visible to the functional tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
