using Avenir.Silo.Database;
using Avenir.Silo.Hosting;
using Avenir.Silo.Intelligence.Evaluation;
using Avenir.Silo.Intelligence.Training;
using Avenir.Silo.Prospects.FormTesting.Tone;
using Avenir.Silo.Seeding;

// Offline tools of the enrichment model (see docs/decisions/0003): they need no database and no cluster.
// `dotnet run --project src/Avenir.Silo` runs a web project in its own folder; paths given on the command
// line mean the caller's folder, which the shell passes as PWD.
if (args is ["train" or "evaluate" or "evaluate-autoresponders", ..]
    && Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } callerDirectory
    && Directory.Exists(callerDirectory))
{
    Environment.CurrentDirectory = callerDirectory;
}

if (args is ["train", ..])
{
    return await TrainingCommand.RunAsync(args[1..], Console.Out);
}

if (args is ["evaluate", ..])
{
    return await EvaluationCommand.RunAsync(args[1..], Console.Out);
}

// The form-test autoresponder tone classifier (docs/prospects.md): confusion table, last line JSON.
if (args is ["evaluate-autoresponders", ..])
{
    return await AutoresponderEvaluationCommand.RunAsync(args[1..], Console.Out);
}

// `migrate`: bring the schema up to date as the owner and exit (the AppHost's migrator resource, a deploy job). The
// silos and the API then run with the application role's connection only.
if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
var database = DatabaseSettings.From(builder.Configuration);
builder.AddAvenirDatabase(database);
builder.AddAvenirSilo(database);
builder.AddAvenirJobs();
builder.Services.AddPerformanceMetrics(builder.Configuration); // in-process aggregation, one performance_metrics row per key per interval
builder.Services.AddFeedbackLearning(builder.Configuration); // feedback_learning (hourly) and feedback_cleanup (daily) jobs
builder.Services.AddSingleton<OutreachDevelopmentSeed>();
builder.Services.AddHostedService<DevelopmentSeeder>();
builder.Services.AddHostedService<DevelopmentProspectSeeder>(); // Seed:DevelopmentProspects (the AppHost's): prospects at example domains
builder.AddAvenirAi(); // Ai:Provider selects the enrichment engine (local by default); prompts, translation, profile embeddings

var app = builder.Build();

// The schema (Orleans' tables included) must exist before the silo joins the cluster. Without the owner's connection
// a migrator ran first (the AppHost waits for it to complete).
if (database.CanMigrate)
{
    await DatabaseMigrator.MigrateAsync(database, app.Logger, app.Lifetime.ApplicationStopping);
}

app.MapDefaultEndpoints();
app.MapSiloDashboard(); // development and loopback only, unless configured (docs/security.md)
await app.RunAsync();
return 0;
