using System.Collections.Immutable;
using Pulumi;
using ShapeBlock.Pulumi.Mapping;
using ShapeBlock.Sdk;
using Model = ShapeBlock.Sdk.Model;

namespace ShapeBlock.Pulumi;

/// <summary>Arguments of an <see cref="App"/>.</summary>
public sealed class AppArgs : ResourceArgs
{
    /// <summary>The project the app belongs to.</summary>
    [Input("project", required: true)]
    public Project? Project { get; set; }

    /// <summary>Everything the SDK's app takes (source, build, port, replicas, plain variables, domains, resources, …).</summary>
    [Input("settings")]
    public Model.AppArgs Settings { get; set; } = new();

    /// <summary>Secret environment variables, e.g. <c>config.RequireSecret("stripeKey")</c>: stored as secrets and applied as the app's env Secret.</summary>
    [Input("secretEnv")]
    public Dictionary<string, Input<string>> SecretEnv { get; set; } = [];

    /// <summary>Services whose connection details the app receives as environment variables.</summary>
    [Input("bind")]
    public List<Service> Bind { get; set; } = [];

    /// <summary>A git ref to build and deploy now (an AppBuild); none when empty.</summary>
    [Input("deploy")]
    public string? Deploy { get; set; }
}

/// <summary><c>shapeblock:index:App</c>: an app (and its env Secret and builds) as the core's custom resources.</summary>
public sealed class App : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "shapeblock:index:App";

    /// <summary>Declares the app.</summary>
    /// <param name="name">The app name.</param>
    /// <param name="args">The project and settings.</param>
    /// <param name="options">Component options.</param>
    public App(string name, AppArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var project = args.Project ?? throw new ArgumentException($"{TypeToken} {name}: Project is required.", nameof(args));
        var settings = args.Settings ?? throw new ArgumentException($"{TypeToken} {name}: Settings must not be null.", nameof(args));
        var mapping = project.Mapping;
        foreach (var (key, value) in args.SecretEnv)
        {
            // A stand-in secret in the model; its value is the program's input, never read by the core.
            var secret = Secret.Generated($"{project.Model.Path}/{name} variable {key}");
            settings.Env.Add(key, secret);
            mapping.Secrets.Provide(secret, value);
        }

        foreach (var service in args.Bind)
        {
            settings.Bind.Add(service.Model);
        }

        var model = project.Model.AddApp(name, settings);
        if (args.Deploy is { } gitRef)
        {
            model.Deploy(gitRef);
        }

        WorkloadMapping.Map(mapping, this, $"{TypeToken} {name}", model.Path);
        Urls = Output.Create(settings.Domains.Select(d => $"{(d.Tls ? "https" : "http")}://{d.Host}").ToImmutableArray());
        RegisterOutputs(new Dictionary<string, object?> { ["urls"] = Urls });
    }

    /// <summary>The app's URLs, one per domain.</summary>
    [Output("urls")]
    public Output<ImmutableArray<string>> Urls { get; private set; }
}
