using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

/// <summary>kubectl against the standalone process (one process for the class; each test uses its own namespace).</summary>
public sealed class KubectlTests(HostProcess host) : IClassFixture<HostProcess>
{
    private readonly Kubectl kubectl = new(host);

    private static string Manifest(string file) => Path.Combine(AppContext.BaseDirectory, "manifests", file);

    private async Task NamespaceAsync(string name) =>
        (await kubectl.RunWithInputAsync($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n", "create", "-f", "-")).Ok();

    [Fact]
    public async Task Shapeblock_custom_resources_create_get_label_patch_watch_delete()
    {
        await NamespaceAsync("shop");
        Assert.Contains("project.apps.shapeblock.io/shop created", (await kubectl.RunAsync("create", "-f", Manifest("project.yaml"))).Ok().Out);
        Assert.Contains("app.apps.shapeblock.io/docs created", (await kubectl.RunAsync("create", "-f", Manifest("app-image.yaml"))).Ok().Out);

        var table = (await kubectl.RunAsync("get", "sbapp", "-n", "shop")).Ok().Out;
        Assert.Matches(@"NAME\s+DISPLAY NAME\s+BUILD TYPE\s+STATUS\s+URL\s+AGE", table);
        Assert.Matches(@"docs\s+Shop docs\s+image", table);
        Assert.Contains("shop", (await kubectl.RunAsync("get", "projects")).Ok().Out);

        var yaml = (await kubectl.RunAsync("get", "app", "docs", "-n", "shop", "-o", "yaml")).Ok().Out;
        Assert.Contains("apiVersion: apps.shapeblock.io/v1alpha1", yaml);
        Assert.Contains("kind: App", yaml);
        Assert.Contains("host: docs.shop.example.com", yaml);
        Assert.Contains("resourceVersion:", yaml);

        using var watch = kubectl.Stream("get", "sbapp", "docs", "-n", "shop", "-w", "-o", "custom-columns=NAME:.metadata.name,PORT:.spec.port,TIER:.metadata.labels.tier");
        await watch.WaitForLineAsync(l => l.StartsWith("docs", StringComparison.Ordinal) && l.Contains("8080", StringComparison.Ordinal));

        Assert.Contains("labeled", (await kubectl.RunAsync("label", "sbapp", "docs", "-n", "shop", "tier=web")).Ok().Out);
        Assert.Contains("patched", (await kubectl.RunAsync("patch", "sbapp", "docs", "-n", "shop", "--type", "merge", "-p", """{"spec":{"port":9090}}""")).Ok().Out);
        await watch.WaitForLineAsync(l => l.Contains("9090", StringComparison.Ordinal) && l.Contains("web", StringComparison.Ordinal));
        Assert.Equal("9090 web 2", (await kubectl.RunAsync("get", "sbapp", "docs", "-n", "shop", "-o", "jsonpath={.spec.port} {.metadata.labels.tier} {.metadata.generation}")).Ok().Out);
        Assert.Contains("docs", (await kubectl.RunAsync("get", "shapeblock", "-A")).Ok().Out);

        var invalid = await kubectl.RunAsync("patch", "sbapp", "docs", "-n", "shop", "--type", "merge", "-p", """{"spec":{"port":70000}}""");
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("spec.port: Invalid value: 70000", invalid.Err);

        Assert.Contains("deleted", (await kubectl.RunAsync("delete", "sbapp", "docs", "-n", "shop")).Ok().Out);
        Assert.Contains("No resources found", (await kubectl.RunAsync("get", "sbapp", "-n", "shop")).Ok().Err);
        (await kubectl.RunAsync("delete", "-f", Manifest("project.yaml"))).Ok();
    }

    [Fact]
    public async Task Built_in_kinds_create_get_label_patch_watch_delete()
    {
        await NamespaceAsync("builtins");
        var manifest = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: builtins
            data:
              mode: fast
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: builtins
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
            """;
        var created = (await kubectl.RunWithInputAsync(manifest, "create", "-f", "-")).Ok().Out;
        Assert.Contains("configmap/settings created", created);
        Assert.Contains("deployment.apps/web created", created);

        Assert.Matches(@"settings\s+1\s+", (await kubectl.RunAsync("get", "configmaps", "-n", "builtins")).Ok().Out);
        Assert.Contains("mode: fast", (await kubectl.RunAsync("get", "cm", "settings", "-n", "builtins", "-o", "yaml")).Ok().Out);
        (await kubectl.RunAsync("rollout", "status", "deployment/web", "-n", "builtins", "--timeout=30s")).Ok();
        Assert.Matches(@"web\s+2/2", (await kubectl.RunAsync("get", "deploy", "-n", "builtins")).Ok().Out);

        using var watch = kubectl.Stream("get", "cm", "settings", "-n", "builtins", "-w", "-o", "jsonpath={.data.mode}{\"\\n\"}");
        await watch.WaitForLineAsync(l => l == "fast");
        (await kubectl.RunAsync("label", "cm", "settings", "-n", "builtins", "team=a")).Ok();
        (await kubectl.RunAsync("patch", "cm", "settings", "-n", "builtins", "--type", "merge", "-p", """{"data":{"mode":"slow"}}""")).Ok();
        await watch.WaitForLineAsync(l => l == "slow");
        Assert.Contains("settings", (await kubectl.RunAsync("get", "cm", "-n", "builtins", "-l", "team=a")).Ok().Out);

        Assert.Contains("deleted", (await kubectl.RunAsync("delete", "deployment", "web", "-n", "builtins")).Ok().Out);
        Assert.Contains("deleted", (await kubectl.RunAsync("delete", "namespace", "builtins", "--wait=true", "--timeout=30s")).Ok().Out);
        Assert.NotEqual(0, (await kubectl.RunAsync("get", "namespace", "builtins")).ExitCode);
    }

    [Fact]
    public async Task Invalid_manifests_are_refused_with_the_servers_message_and_discovery_works()
    {
        await NamespaceAsync("invalid");
        var bad = """
            apiVersion: apps.shapeblock.io/v1alpha1
            kind: App
            metadata: {name: bad, namespace: invalid}
            spec:
              displayName: Bad
              build: {type: nope}
              port: 0
              unknownField: 1
            """;
        var result = await kubectl.RunWithInputAsync(bad, "create", "-f", "-");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown field \"spec.unknownField\"", result.Err);

        var resources = (await kubectl.RunAsync("api-resources")).Ok().Out;
        Assert.Matches(@"apps\s+sbapp\s+apps.shapeblock.io/v1alpha1\s+true\s+App", resources);
        Assert.Matches(@"helmcharts\s+helm.cattle.io/v1\s+true\s+HelmChart", resources);
        Assert.Contains("Server Version: v1.32", (await kubectl.RunAsync("version")).Ok().Out);
    }

    [Fact]
    public async Task Typed_commands_send_protobuf_and_drain_evicts_through_the_eviction_api()
    {
        Assert.Contains("namespace/drain created", (await kubectl.RunAsync("create", "namespace", "drain")).Ok().Out);
        (await kubectl.RunAsync("create", "secret", "generic", "creds", "-n", "drain", "--from-literal=password=s3cret")).Ok();
        (await kubectl.RunAsync("create", "configmap", "conf", "-n", "drain", "--from-literal=a=b")).Ok();
        Assert.Equal("czNjcmV0", (await kubectl.RunAsync("get", "secret", "creds", "-n", "drain", "-o", "jsonpath={.data.password}")).Ok().Out);
        Assert.Matches(@"creds\s+Opaque\s+1", (await kubectl.RunAsync("get", "secrets", "-n", "drain")).Ok().Out);

        var manifest = """
            apiVersion: v1
            kind: Node
            metadata: {name: drain-a}
            status:
              conditions: [{type: Ready, status: "True"}]
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: drain-b}
            status:
              conditions: [{type: Ready, status: "True"}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: drain}
            spec:
              replicas: 4
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: drain}
            spec:
              minAvailable: 3
              selector: {matchLabels: {app: web}}
            """;
        (await kubectl.RunWithInputAsync(manifest, "create", "-f", "-")).Ok();
        (await kubectl.RunAsync("rollout", "status", "deployment/web", "-n", "drain", "--timeout=30s")).Ok();
        var drained = (await kubectl.RunAsync("drain", "drain-a", "--ignore-daemonsets", "--timeout=60s")).Ok().Out;
        Assert.Contains("node/drain-a drained", drained);
        Assert.Contains("Ready,SchedulingDisabled", (await kubectl.RunAsync("get", "node", "drain-a")).Ok().Out);
        Assert.Empty((await kubectl.RunAsync("get", "pods", "-n", "drain", "--field-selector", "spec.nodeName=drain-a", "-o", "name")).Ok().Out.Trim());
        Assert.Equal(4, (await kubectl.RunAsync("get", "pods", "-n", "drain", "--field-selector", "spec.nodeName=drain-b,status.phase=Running", "-o", "name")).Ok().Out.Trim().Split('\n').Length);
        (await kubectl.RunAsync("delete", "node", "drain-a", "drain-b")).Ok();
    }
}
