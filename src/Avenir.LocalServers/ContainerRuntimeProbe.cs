namespace Avenir.LocalServers;

/// <summary>
/// Tells whether a container engine really answers. A docker CLI without an engine is common (CI, this
/// project's dev machines), and choosing the container path then hangs start-up forever, so the CLI
/// alone is not enough: the engine must answer <c>info</c> within a few seconds.
/// </summary>
public static class ContainerRuntimeProbe
{
    public static Task<bool> IsHealthyAsync(string runtime, TimeSpan timeout) =>
        ProcessRunner.SucceedsWithinAsync(timeout, runtime, "info", "--format", "{{.ServerVersion}}");
}
