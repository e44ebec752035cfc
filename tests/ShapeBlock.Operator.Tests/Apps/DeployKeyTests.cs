using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Api;

namespace ShapeBlock.Operator.Tests.Apps;

/// <summary>Private repositories: the deploy key comes from the ShapeBlock API (a local HTTP server here) and is never logged.</summary>
public sealed class DeployKeyTests : AppOperatorTest
{
    private const string PrivateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ-deploy-key-s3cr3t\n-----END OPENSSH PRIVATE KEY-----\n";
    private const string ApiKey = "sb-api-key-7d1f0c";
    private readonly HttpListener api = new();
    private readonly ConcurrentQueue<string> requests = new();
    private int port;
    private HttpStatusCode answer = HttpStatusCode.OK;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        api.Prefixes.Add($"http://127.0.0.1:{port}/");
        api.Start();
        _ = ServeAsync();
    }

    public override async Task DisposeAsync()
    {
        api.Close();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_deploy_key_of_a_private_repository_is_fetched_into_a_secret_and_never_logged()
    {
        await StartWithProjectAsync(Options());
        CreateApp("web", PrivateSpec());
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit });

        await WaitForBuildAsync("web-1", "Completed");

        var secret = await k8s.CoreV1OperationsExtensions.ReadNamespacedSecretAsync(Client.CoreV1, "web-git-auth", Ns);
        Assert.Equal("kubernetes.io/ssh-auth", secret.Type);
        Assert.Equal(PrivateKey, Encoding.UTF8.GetString(secret.Data["ssh-privatekey"]));
        Assert.Equal("web", secret.Metadata.OwnerReferences.Single().Name);
        Assert.Contains($"GET /api/apps/web/ssh-key Bearer {ApiKey}", requests);
        var job = Assert.Single(BuildJobs());
        Assert.Contains("web-git-auth", job["spec"]!["template"]!["spec"]!["volumes"]!.ToJsonString());

        var everything = string.Join("\n", Logs.Lines) + Server.List("v1", "Event", Ns).Select(e => e.ToJsonString()).Aggregate("", string.Concat)
            + Server.Get(ApiGroup.ApiVersion, "App", Ns, "web")!.ToJsonString() + Server.Get(ApiGroup.ApiVersion, "AppBuild", Ns, "web-1")!.ToJsonString();
        Assert.DoesNotContain("deploy-key-s3cr3t", everything);
        Assert.DoesNotContain(ApiKey, everything);
    }

    [Fact]
    public async Task A_missing_deploy_key_fails_the_app_with_the_reason_and_the_build_waits()
    {
        answer = HttpStatusCode.NotFound;
        await StartWithProjectAsync(Options());
        CreateApp("web", PrivateSpec());
        CreateBuild("web-1", "web", new JsonObject { ["gitRef"] = Commit });

        var app = await WaitForAppAsync("web", "Failed");
        Assert.Contains("404", Status(app, "message"));
        Assert.Equal(Reasons.GitAuthFailed, app["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!["reason"]!.GetValue<string>());
        await Server.WaitForAsync(ApiGroup.ApiVersion, "AppBuild", Ns, "web-1", b => Phase(b) == "Pending" && Status(b, "message")?.Contains("404") == true, Bound);
        Assert.Empty(BuildJobs());
    }

    private OperatorOptions Options() => AppOptions with { ApiUrl = new Uri($"http://127.0.0.1:{port}/api/"), ApiKey = ApiKey };

    private static JsonObject PrivateSpec()
    {
        var spec = SourceSpec();
        spec["git"] = new JsonObject { ["url"] = "git@git.example.com:acme/shop.git", ["isPrivate"] = true };
        return spec;
    }

    private async Task ServeAsync()
    {
        while (api.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await api.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            requests.Enqueue($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.Headers["Authorization"]}");
            context.Response.StatusCode = (int)answer;
            var body = answer == HttpStatusCode.OK ? new JsonObject { ["private_key"] = PrivateKey }.ToJsonString() : """{"detail":"not found"}""";
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
