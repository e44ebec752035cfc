using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Model;

/// <summary>One build-and-deploy of an app (an AppBuild resource, immutable once created: declare a new one to build again).</summary>
public sealed class AppBuild : Resource
{
    internal AppBuild(string name, App app, AppBuildArgs args)
        : base(name)
    {
        App = app;
        Args = args;
    }

    /// <summary>The app built and deployed.</summary>
    public App App { get; }

    /// <summary>The build's settings.</summary>
    public AppBuildArgs Args { get; }

    /// <inheritdoc />
    public override string Path => $"{App.Path}/builds/{Name}";
}

/// <summary>Settings of an <see cref="AppBuild"/>.</summary>
public sealed class AppBuildArgs
{
    /// <summary>Branch, tag or commit SHA to build; the app's branch when empty.</summary>
    public string? GitRef { get; set; }

    /// <summary>Tag of the built image (for image apps: the tag applied to the image); the short commit SHA when empty.</summary>
    public string? ImageTag { get; set; }

    /// <summary>Build variables of this build (they win over the app's).</summary>
    public Dictionary<string, string> BuildVars { get; } = [];

    /// <summary>Chart values of this deploy, merged after the app's.</summary>
    public JsonObject? HelmValues { get; set; }

    /// <summary>The build fails after this many seconds (60–86400); 1800 when empty.</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>Requests and limits of the build container.</summary>
    public ContainerResources? Resources { get; set; }
}
