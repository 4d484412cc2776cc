namespace Avenir.Benchmarks;

/// <summary>
/// The stack a run measures: started here (<see cref="BenchmarkStack"/>: free ephemeral ports, never the AppHost's
/// default 5080/5090/5025/5433, and a temporary data folder) or a running one given by <c>--api</c>.
/// </summary>
internal sealed class StackSession : IAsyncDisposable
{
    private readonly BenchmarkStack? stack;

    public StackSession(BenchmarkOptions options)
    {
        if (options.TargetsRunningStack)
        {
            (Api, Connection, Key) = (options.Api!, options.Connection!, options.Key!);
        }
        else
        {
            stack = new BenchmarkStack();
            (Api, Connection, Key) = (null!, null!, BenchmarkStack.Key);
        }
    }

    public Uri Api { get; private set; }

    /// <summary>The database owner's connection (the ceiling, the seeding and the verification use it).</summary>
    public string Connection { get; private set; }

    /// <summary>The API key of the single-client shape's client (the demo client).</summary>
    public string Key { get; }

    /// <summary>Whether this run started the stack (so its processes' CPU can be told apart).</summary>
    public bool Owned => stack is not null;

    /// <summary>The demo client's dashboard password (the stack's seed), for the dashboard mode.</summary>
    public static string DemoPassword => BenchmarkStack.DemoPassword;

    /// <summary>Starts the stack unless the run targets a running one.</summary>
    public async Task StartAsync(BenchmarkOptions options)
    {
        if (stack is null)
        {
            Console.WriteLine($"Target: the running stack at {options.Api}");
            return;
        }

        Console.WriteLine("Starting the stack (AppHost: PostgreSQL, silo, API) on free ports with a temporary PostgreSQL data folder…");
        using var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var starting = System.Diagnostics.Stopwatch.StartNew();
        await stack.StartAsync(options.AppHostArguments, startTimeout.Token);
        (Api, Connection) = (stack.Api, stack.OwnerConnection);
        Console.WriteLine($"Stack healthy after {starting.Elapsed.TotalSeconds:F0} s; API at {Api}; {string.Join(' ', stack.Settings)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (stack is not null)
        {
            await stack.DisposeAsync();
        }
    }
}
