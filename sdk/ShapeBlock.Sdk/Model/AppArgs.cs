using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Model;

/// <summary>Settings of an <see cref="App"/>.</summary>
public sealed class AppArgs
{
    /// <summary>Name shown in the ShapeBlock UI; the app name when empty.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Free text about the app.</summary>
    public string? Description { get; set; }

    /// <summary>The git repository to build from (dockerfile and buildpack builds).</summary>
    public GitRepository? Git { get; set; }

    /// <summary>How the image is made: <see cref="Build.Dockerfile"/>, <see cref="Build.Buildpack"/> or <see cref="Build.Image"/>.</summary>
    public Build Build { get; set; } = Build.Dockerfile();

    /// <summary>The port the app listens on (1–65535); 8080 when empty.</summary>
    public int? Port { get; set; }

    /// <summary>How many pods run the app; 1 when empty.</summary>
    public int? Replicas { get; set; }

    /// <summary>Overrides the image's entrypoint.</summary>
    public List<string>? Command { get; set; }

    /// <summary>Overrides the image's arguments.</summary>
    public List<string>? Arguments { get; set; }

    /// <summary>Environment variables: plain strings, or <see cref="Secret"/>s (kept in a Secret <c>&lt;app&gt;-env</c>, never in the App).</summary>
    public EnvironmentVariables Env { get; } = new();

    /// <summary>Names of existing Secrets in the project whose keys all become environment variables.</summary>
    public List<string> SecretEnv { get; } = [];

    /// <summary>Build variables of every build (Docker build arguments / buildpack env).</summary>
    public Dictionary<string, string> BuildVars { get; } = [];

    /// <summary>Public host names (strings convert): each gets an Ingress rule and, with TLS, a certificate.</summary>
    public List<Domain> Domains { get; } = [];

    /// <summary>Backing services of the same project whose connection details become environment variables (<c>&lt;SERVICE&gt;_URL</c>, …).</summary>
    public ServiceBindings Bind { get; } = new();

    /// <summary>Requests and limits of the app's containers.</summary>
    public ContainerResources? Resources { get; set; }

    /// <summary>HTTP readiness and liveness probe.</summary>
    public HttpHealthCheck? HealthCheck { get; set; }

    /// <summary>Horizontal autoscaling on CPU.</summary>
    public Autoscale? Autoscaling { get; set; }

    /// <summary>Extra processes from the same image, each its own Deployment.</summary>
    public List<Worker> Workers { get; } = [];

    /// <summary>Persistent volumes mounted into the app.</summary>
    public List<Volume> Volumes { get; } = [];

    /// <summary>Free-form chart values deep-merged last (you win; arrays are replaced).</summary>
    public JsonObject? HelmValues { get; set; }
}
