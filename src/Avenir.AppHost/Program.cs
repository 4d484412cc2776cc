using Avenir.AppHost;
using Avenir.AppHost.Database;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL: a configured connection string, else a container, else the server installed here.
var database = await builder.AddAvenirDatabaseAsync();
if (database is null)
{
    return 1;
}

var seed = builder.AddDevelopmentSeedParameters();
// Development mail server (smtp4dev) unless an SMTP relay is configured (Email:Smtp:Host).
var mail = await builder.AddDevelopmentMailServerAsync();
// The migrator alone holds the owner's connection; the silos and the API get the application role's.
var application = ApplicationDatabase.Add(builder, database, seed);
var silos = builder.AddSiloCluster(application, seed, mail);
builder.AddApi(application, silos);

await builder.Build().RunAsync();
return 0;
