namespace Avenir.Silo.Hosting;

/// <summary>
/// The silo's ports when configuration names none, and how it is hosted. One home for the numbers the container image
/// (<c>Avenir.Silo.csproj</c>), the Kubernetes manifests (<c>deploy/kubernetes</c>) and docs/deployment.md repeat;
/// <c>KubernetesManifestTests</c> holds them to it.
/// </summary>
public static class SiloEndpointDefaults
{
    /// <summary>Silo-to-silo traffic (<c>Orleans:Endpoints:SiloPort</c>).</summary>
    public const int SiloPort = 11111;

    /// <summary>Where cluster clients (the API) connect (<c>Orleans:Endpoints:GatewayPort</c>).</summary>
    public const int GatewayPort = 30000;

    /// <summary><c>Orleans:Hosting</c>: <c>kubernetes</c> in a pod (the image sets it), absent elsewhere.</summary>
    public const string KubernetesHosting = "kubernetes";

    public static bool IsKubernetes(IConfiguration orleans) =>
        string.Equals(orleans["Hosting"], KubernetesHosting, StringComparison.OrdinalIgnoreCase);
}
