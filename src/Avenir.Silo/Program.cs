using Avenir.Grains.Database;
using Avenir.Silo.Database;
using Avenir.Silo.Hosting;
using Avenir.Silo.Seeding;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
var database = DatabaseSettings.From(builder.Configuration);
builder.AddAvenirDatabase(database);
builder.AddAvenirSilo(database);
builder.Services.AddHostedService<DevelopmentSeeder>();

var app = builder.Build();

// The schema (Orleans' tables included) must exist before the silo joins the cluster.
await DatabaseMigrator.MigrateAsync(database, app.Logger, app.Lifetime.ApplicationStopping);

app.MapDefaultEndpoints();
app.MapOrleansDashboard("/dashboard");
await app.RunAsync();
