using System.Xml.Linq;
using Avenir.Grains.Outreach.Tracking;
using Avenir.Infrastructure.Database;
using Avenir.Silo.Hosting;
using Orleans.Hosting.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Avenir.Silo.Tests.Hosting;

/// <summary>
/// The Kubernetes manifests (<c>deploy/kubernetes</c>) parse and say what the processes really do: the ports the silo
/// and the container images use, the health endpoints ServiceDefaults maps, the environment Orleans' Kubernetes hosting
/// reads, configuration keys the code binds, one cluster identity for silos and API, and the owner's connection
/// given to the migration job alone. A manifest that drifts from the code fails here, not in a cluster.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly string Manifests = Path.Combine(Root, "deploy", "kubernetes");

    [Fact]
    public void Every_manifest_parses_and_the_kustomization_lists_every_one_but_the_secrets_example()
    {
        var files = Directory.GetFiles(Manifests, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        foreach (var document in files.Where(f => f != "kustomization.yaml").SelectMany(f => Load(f!)))
        {
            Assert.False(string.IsNullOrEmpty(Scalar(document, "apiVersion")));
            Assert.False(string.IsNullOrEmpty(Scalar(document, "kind")));
            Assert.False(string.IsNullOrEmpty(Scalar(document, "metadata", "name")));
        }

        var listed = Sequence(Load("kustomization.yaml").Single(), "resources").Select(n => ((YamlScalarNode)n).Value!).ToList();
        Assert.Equal(files.Where(f => f is not ("kustomization.yaml" or "secrets.example.yaml")), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_silo_pods_name_the_ports_of_the_silo_and_of_its_container_image()
    {
        var silo = Container("silo.yaml", "avenir-silo");
        var ports = Ports(silo);

        Assert.Equal(SiloEndpointDefaults.SiloPort, ports["silo"]);
        Assert.Equal(SiloEndpointDefaults.GatewayPort, ports["gateway"]);
        Assert.Equal(ports.Values.Order(), ImagePorts("src/Avenir.Silo/Avenir.Silo.csproj").Order());
        var env = Environment(silo);
        Assert.Equal(ports["silo"].ToString(System.Globalization.CultureInfo.InvariantCulture), env["Orleans__Endpoints__SiloPort"].Value);
        Assert.Equal(ports["gateway"].ToString(System.Globalization.CultureInfo.InvariantCulture), env["Orleans__Endpoints__GatewayPort"].Value);
        Assert.Equal(ImagePorts("src/Avenir.Api/Avenir.Api.csproj"), Ports(Container("api.yaml", "avenir-api")).Values);
    }

    [Theory]
    [InlineData("silo.yaml", "avenir-silo")]
    [InlineData("api.yaml", "avenir-api")]
    public void Probes_use_the_health_endpoints_servicedefaults_maps(string file, string deployment)
    {
        var container = Container(file, deployment);

        Assert.Equal(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath, Scalar(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath, Scalar(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("http", Scalar(container, "readinessProbe", "httpGet", "port"));
        Assert.Contains("http", Ports(container).Keys);
    }

    [Fact]
    public void The_silo_gets_what_orleans_kubernetes_hosting_reads_and_the_rights_it_needs()
    {
        var silo = Container("silo.yaml", "avenir-silo");
        var env = Environment(silo);

        Assert.Equal(SiloEndpointDefaults.KubernetesHosting, env["Orleans__Hosting"].Value);
        Assert.Equal("metadata.name", env[KubernetesHostingOptions.PodNameEnvironmentVariable].FieldPath);
        Assert.Equal("metadata.namespace", env[KubernetesHostingOptions.PodNamespaceEnvironmentVariable].FieldPath);
        Assert.Equal("status.podIP", env[KubernetesHostingOptions.PodIPEnvironmentVariable].FieldPath);
        Assert.Equal($"metadata.labels['{KubernetesHostingOptions.ServiceIdLabel}']",
            env[KubernetesHostingOptions.ServiceIdEnvironmentVariable].FieldPath);
        Assert.Equal($"metadata.labels['{KubernetesHostingOptions.ClusterIdLabel}']",
            env[KubernetesHostingOptions.ClusterIdEnvironmentVariable].FieldPath);

        // The agent that declares a silo dead when its pod goes lists, watches and deletes pods as the pod's account.
        var documents = Load("silo.yaml").ToList();
        var role = documents.Single(d => Scalar(d, "kind") == "Role");
        var verbs = Sequence((YamlMappingNode)Sequence(role, "rules").Single(), "verbs").Select(v => ((YamlScalarNode)v).Value).ToList();
        Assert.Superset(new HashSet<string?> { "get", "list", "watch", "delete" }, verbs.ToHashSet());
        var binding = documents.Single(d => Scalar(d, "kind") == "RoleBinding");
        Assert.Equal(Scalar(role, "metadata", "name"), Scalar(binding, "roleRef", "name"));
        var account = Scalar((YamlMappingNode)Sequence(binding, "subjects").Single(), "name");
        Assert.Equal(account, Scalar(Deployment("silo.yaml", "avenir-silo"), "spec", "template", "spec", "serviceAccountName"));
    }

    [Fact]
    public void Silos_and_api_join_one_cluster()
    {
        var labels = (YamlMappingNode)Deployment("silo.yaml", "avenir-silo")["spec"]["template"]["metadata"]["labels"];
        var config = Load("cluster-config.yaml").Single(d => Scalar(d, "kind") == "ConfigMap");

        Assert.Equal(Scalar(labels, KubernetesHostingOptions.ServiceIdLabel), Scalar(config, "data", "Orleans__ServiceId"));
        Assert.Equal(Scalar(labels, KubernetesHostingOptions.ClusterIdLabel), Scalar(config, "data", "Orleans__ClusterId"));
        foreach (var (file, name) in new[] { ("silo.yaml", "avenir-silo"), ("api.yaml", "avenir-api") })
        {
            var sources = Sequence(Container(file, name), "envFrom").Cast<YamlMappingNode>();
            Assert.Contains(sources, s => s.Children.ContainsKey("configMapRef") && Scalar(s, "configMapRef", "name") == Scalar(config, "metadata", "name"));
        }
    }

    [Fact]
    public void Only_the_migration_job_gets_the_owners_connection_and_every_other_key_is_one_the_code_binds()
    {
        var migrator = (YamlMappingNode)Sequence(Load("migrator.yaml").Single()["spec"]["template"]["spec"], "containers").Single();
        Assert.Equal("migrate", ((YamlScalarNode)Sequence(migrator, "args").Single()).Value);
        Assert.Contains("ConnectionStrings__" + DatabaseSettings.ConnectionName, Environment(migrator).Keys);

        foreach (var (file, name) in new[] { ("silo.yaml", "avenir-silo"), ("api.yaml", "avenir-api") })
        {
            var env = Environment(Container(file, name));
            Assert.DoesNotContain("ConnectionStrings__" + DatabaseSettings.ConnectionName, env.Keys);
            Assert.Contains("ConnectionStrings__" + DatabaseSettings.ApplicationConnectionName, env.Keys);
            foreach (var key in env.Keys)
            {
                Assert.True(IsBoundKey(key), $"{file}: {key} is not a setting the code reads");
            }
        }
    }

    /// <summary>Configuration keys the silo and API read (by section) and the variables Orleans' Kubernetes hosting reads.</summary>
    private static bool IsBoundKey(string key)
    {
        string[] hosting =
        [
            KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
            KubernetesHostingOptions.PodIPEnvironmentVariable, KubernetesHostingOptions.ServiceIdEnvironmentVariable,
            KubernetesHostingOptions.ClusterIdEnvironmentVariable,
        ];
        string[] orleans =
        [
            "Orleans__Hosting", "Orleans__ServiceId", "Orleans__ClusterId", "Orleans__Endpoints__SiloPort", "Orleans__Endpoints__GatewayPort",
            Key(Microsoft.Extensions.Hosting.ClusterTransportSecurity.CertificatePathKey),
            Key(Microsoft.Extensions.Hosting.ClusterTransportSecurity.CertificatePasswordKey),
        ];
        var tracking = Key(TrackingTokenOptions.Section) + "__";
        return hosting.Contains(key) || orleans.Contains(key)
            || key == "ConnectionStrings__" + DatabaseSettings.ApplicationConnectionName
            || key.StartsWith("ReverseProxy__KnownNetworks__", StringComparison.Ordinal)
            || (key.StartsWith(tracking, StringComparison.Ordinal)
                && typeof(TrackingTokenOptions).GetProperty(key[tracking.Length..].Split("__")[0]) is not null);
    }

    private static string Key(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static IEnumerable<YamlMappingNode> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Manifests, file));
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    private static YamlMappingNode Deployment(string file, string name) =>
        Load(file).Single(d => Scalar(d, "kind") == "Deployment" && Scalar(d, "metadata", "name") == name);

    private static YamlMappingNode Container(string file, string deployment) =>
        (YamlMappingNode)Sequence(Deployment(file, deployment)["spec"]["template"]["spec"], "containers").Single();

    private static Dictionary<string, int> Ports(YamlMappingNode container) =>
        Sequence(container, "ports").Cast<YamlMappingNode>()
            .ToDictionary(p => Scalar(p, "name")!, p => int.Parse(Scalar(p, "containerPort")!, System.Globalization.CultureInfo.InvariantCulture));

    private static Dictionary<string, (string? Value, string? FieldPath)> Environment(YamlMappingNode container) =>
        Sequence(container, "env").Cast<YamlMappingNode>().ToDictionary(
            e => Scalar(e, "name")!,
            e => (Scalar(e, "value"), Scalar(e, "valueFrom", "fieldRef", "fieldPath")));

    private static int[] ImagePorts(string project) =>
        [.. XDocument.Load(Path.Combine(Root, project)).Descendants("ContainerPort")
            .Select(p => int.Parse(p.Attribute("Include")!.Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static YamlSequenceNode Sequence(YamlNode node, string key) => (YamlSequenceNode)((YamlMappingNode)node)[key];

    private static string? Scalar(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return (node as YamlScalarNode)?.Value;
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Avenir.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("Avenir.sln not found above " + AppContext.BaseDirectory);
    }
}
