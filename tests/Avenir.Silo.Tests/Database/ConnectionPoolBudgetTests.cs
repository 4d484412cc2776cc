using Avenir.Infrastructure.Database;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Avenir.Silo.Tests.Database;

/// <summary>Each process's connection pools are capped, so the API and the silos together fit the server's max_connections.</summary>
public sealed class ConnectionPoolBudgetTests
{
    private const string Owner = "Host=db.example;Port=5432;Database=avenir;Username=postgres;Password=owner";

    [Fact]
    public void The_application_connection_is_capped_at_the_default_and_named_after_the_process()
    {
        var settings = DatabaseSettings.From(Configuration(("ConnectionStrings:avenirdb", Owner), ("Database:AppPassword", "app")));

        var application = new NpgsqlConnectionStringBuilder(settings.ApplicationConnectionString);
        Assert.Equal(ConnectionPoolBudget.DefaultMaxPoolSize, application.MaxPoolSize);
        Assert.Equal("avenir_app", application.Username);
        Assert.False(string.IsNullOrEmpty(application.ApplicationName));
    }

    [Fact]
    public void The_configured_cap_and_name_apply_to_an_explicit_application_connection()
    {
        var settings = DatabaseSettings.From(Configuration(
            ("ConnectionStrings:avenirdb-app", "Host=db.example;Username=avenir_app;Password=app"),
            ("Database:MaxPoolSize", "12"), ("Database:ApplicationName", "avenir-silo-3")));

        var application = new NpgsqlConnectionStringBuilder(settings.ApplicationConnectionString);
        Assert.Equal(12, application.MaxPoolSize);
        Assert.Equal("avenir-silo-3", application.ApplicationName);
    }

    [Theory]
    [InlineData("Maximum Pool Size=7")]
    [InlineData("MaxPoolSize=7")]
    [InlineData("maximum pool size=7")]
    public void A_cap_stated_in_the_connection_string_wins(string stated)
    {
        var connection = ConnectionPoolBudget.Apply($"Host=db.example;{stated};Application Name=mine", Configuration(("Database:MaxPoolSize", "50")));

        var builder = new NpgsqlConnectionStringBuilder(connection);
        Assert.Equal(7, builder.MaxPoolSize);
        Assert.Equal("mine", builder.ApplicationName);
    }

    [Fact]
    public void A_minimum_pool_above_the_cap_is_lowered_to_it()
    {
        var connection = ConnectionPoolBudget.Apply("Host=db.example;Minimum Pool Size=40", Configuration(("Database:MaxPoolSize", "10")));

        Assert.Equal(10, new NpgsqlConnectionStringBuilder(connection).MinPoolSize);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void A_cap_below_one_is_refused_at_start(string size)
    {
        var exception = Assert.Throws<InvalidOperationException>(
            () => ConnectionPoolBudget.Apply("Host=db.example", Configuration(("Database:MaxPoolSize", size))));
        Assert.Contains("Database:MaxPoolSize", exception.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
