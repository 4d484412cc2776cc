namespace Avenir.AppHost.Database;

/// <summary>Where the AppHost's PostgreSQL comes from, in the order it is tried.</summary>
internal enum DatabaseChoice
{
    /// <summary><c>ConnectionStrings:avenirdb</c> is configured (production: managed Postgres, maybe with a failover host).</summary>
    ExternalConnectionString,

    /// <summary>A container runtime answered: Aspire's PostgreSQL container with a data volume.</summary>
    Container,

    /// <summary>No container runtime: the PostgreSQL server binaries installed on this machine.</summary>
    LocalServer,
}
