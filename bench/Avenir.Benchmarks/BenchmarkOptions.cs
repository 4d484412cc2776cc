using System.Globalization;

namespace Avenir.Benchmarks;

/// <summary>
/// Command line of the benchmark. Without <c>--api</c> it starts the whole stack itself; with
/// <c>--api URL --connection "…" --key KEY</c> it targets a running one. Any <c>--Section:Name=value</c>
/// argument is passed on to the AppHost it starts (e.g. <c>--Jobs:Workers=0</c>).
/// </summary>
internal sealed class BenchmarkOptions
{
    public Uri? Api { get; private set; }

    /// <summary>Owner connection of the stack's database (migrations' connection): the ceiling runs and the verification reads on it.</summary>
    public string? Connection { get; private set; }

    public string? Key { get; private set; }

    public IReadOnlyList<int> Levels { get; private set; } = [1, 16, 64];

    /// <summary>The many-clients shape: this many more clients share the posters (1 or less: the single-client shape only).</summary>
    public int Clients { get; private set; } = 200;

    /// <summary>Whether the naive baseline (<see cref="NaiveBaseline"/>) runs at each level.</summary>
    public bool Baseline { get; private set; } = true;

    /// <summary>The dashboard mode's client has this many leads (bulk-seeded).</summary>
    public int DashboardLeads { get; private set; } = 100_000;

    /// <summary>The dashboard mode's keep-alive connections, each polling at 1 Hz.</summary>
    public int DashboardPollers { get; private set; } = 500;

    /// <summary>Whether the report runs the dashboard mode too.</summary>
    public bool Dashboard { get; private set; } = true;

    /// <summary>Length of each measured phase (intake, then the ceiling) at each level.</summary>
    public TimeSpan PhaseDuration { get; private set; } = TimeSpan.FromSeconds(8);

    public TimeSpan WarmUp { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>Configuration passed to the AppHost the benchmark starts.</summary>
    public List<string> AppHostArguments { get; } = [];

    public bool TargetsRunningStack => Api is not null;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value()
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    return arg[(eq + 1)..];
                }

                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{arg} needs a value.");
                }

                return args[++i];
            }

            var name = arg.Split('=', 2)[0];
            switch (name)
            {
                case "--api":
                    options.Api = new Uri(Value().TrimEnd('/') + "/");
                    break;
                case "--connection":
                    options.Connection = Value();
                    break;
                case "--key":
                    options.Key = Value();
                    break;
                case "--levels":
                    options.Levels = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--clients":
                    options.Clients = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--dashboard-leads":
                    options.DashboardLeads = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--pollers":
                    options.DashboardPollers = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--no-dashboard":
                    options.Dashboard = false;
                    break;
                case "--no-baseline":
                    options.Baseline = false;
                    break;
                case "--seconds":
                    options.PhaseDuration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture));
                    break;
                case "--warmup":
                    options.WarmUp = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture));
                    break;
                case "-h" or "--help":
                    throw new ArgumentException(Usage);
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal))
                    {
                        options.AppHostArguments.Add(arg.Contains('=', StringComparison.Ordinal) ? arg : $"{arg}={Value()}");
                        break;
                    }

                    throw new ArgumentException($"Unknown argument '{arg}'.\n{Usage}");
            }
        }

        if (options.Api is not null && (options.Connection is null || options.Key is null))
        {
            throw new ArgumentException("--api needs --connection (the database owner's connection string) and --key (a client's API key).");
        }

        if (options.Levels.Count == 0 || options.Levels.Any(l => l < 1))
        {
            throw new ArgumentException("--levels must list positive concurrency levels, e.g. 1,4,16,64.");
        }

        return options;
    }

    public const string Usage =
        """
        usage: dotnet run -c Release --project bench/Avenir.Benchmarks [-- [intake|dashboard|report|growth] options]
          intake (default)           intake per level: one client, many clients, the naive baseline, the INSERT ceiling
          dashboard                  a client with --dashboard-leads 100000 leads: first page alone vs /health alone, then
                                     --pollers 500 keep-alive connections at 1 Hz on list/stats/growth vs /health
          report                     intake, then dashboard (unless --no-dashboard) on one stack; writes docs/performance.md
          (no --api)                 start the whole stack (AppHost) on free ports with a temporary PostgreSQL
          --api URL --connection CS --key KEY
                                     target a running stack: its API, the database owner's connection, a client key
                                     (its intake limits must allow the load: Intake:PermitsPerKeyPerMinute/PerIpPerMinute)
          --levels 1,16,64           concurrency levels (posters)
          --clients 200              the many-clients shape: the posters spread over this many clients (1: single client only)
          --no-baseline              skip the naive ASP.NET + Npgsql baseline
          --seconds 8                length of each measured phase (intake, then ceiling) per level
          --warmup 5                 warm-up seconds before the first level
          --Section:Name=value       configuration passed to the AppHost it starts; default --Jobs:Workers=0
                                     (no job workers); --Jobs:Workers=4 runs enrichment/auto-reply beside intake
        """;
}
