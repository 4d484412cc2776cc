namespace Avenir.Grains;

/// <summary>Names of the Orleans providers grains depend on; the silo registers them.</summary>
public static class GrainStorage
{
    /// <summary>ADO.NET grain storage on PostgreSQL, for grain state that has no table of its own.</summary>
    public const string Name = "avenir";
}
