using System.Text.Json.Nodes;
using ShapeBlock.Api;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Operator.Apps;

/// <summary>The chart values of an app release, as an object and as the YAML text of <c>spec.valuesContent</c>.</summary>
/// <param name="Values">The values (canonical: keys sorted, template actions escaped).</param>
/// <param name="Yaml">The same values as YAML.</param>
public sealed record AppValues(JsonObject Values, string Yaml);

/// <summary>
/// Renders the nxs-universal-chart values of an App: generated from the typed spec and the image to
/// run, then <c>App.spec.helmValues</c>, then the build's <c>helmValues</c>, deep-merged in that order
/// (the user wins; arrays are replaced; null removes). See <see cref="NxsUniversalChart.Version"/>.
/// </summary>
/// <param name="options">Cluster-wide settings.</param>
public sealed class AppValuesRenderer(AppRenderOptions options)
{
    /// <summary>A renderer with the default settings.</summary>
    public AppValuesRenderer()
        : this(new AppRenderOptions())
    {
    }

    /// <summary>Renders the values of an app release.</summary>
    /// <param name="app">The App.</param>
    /// <param name="image">The image to run (for image apps <c>build.image</c>; for built apps the build's image, by digest when known).</param>
    /// <param name="buildHelmValues">The deploying AppBuild's <c>spec.helmValues</c>, merged last.</param>
    /// <returns>The values and their YAML.</returns>
    /// <exception cref="InvalidHelmValuesException">The user's helmValues set a key the platform does not allow.</exception>
    /// <exception cref="InvalidOperationException">The App has no namespace.</exception>
    public AppValues Render(App app, ImageReference image, JsonObject? buildHelmValues = null)
    {
        CheckAllowed(app.Spec.HelmValues, "App.spec.helmValues");
        CheckAllowed(buildHelmValues, "AppBuild.spec.helmValues");

        var merged = JsonMerge.MergeAll(Generate(app, image), app.Spec.HelmValues, buildHelmValues);
        var values = JsonCanonical.SortObject((JsonObject)HelmTemplateEscaper.EscapeAll(merged)!);
        return new AppValues(values, YamlJson.ToYaml(values));
    }

    /// <summary>The generated values alone, before the user's helmValues (not escaped, not sorted).</summary>
    /// <param name="app">The App.</param>
    /// <param name="image">The image to run.</param>
    /// <returns>A new object.</returns>
    public JsonObject Generate(App app, ImageReference image)
    {
        var name = app.Metadata.Name;
        var project = ResourceMetadata.ProjectNamespace(app);
        var pullSecret = app.Spec.Registry?.SecretName is { Length: > 0 } secret ? secret : options.DefaultRegistrySecret;

        var values = new JsonObject
        {
            // "-" drops the release-name prefix: the keys below are the object names (Deployment <app>, not <app>-<app>).
            ["releasePrefix"] = "-",
            ["generic"] = new JsonObject
            {
                // Not managed-by: the chart already writes app.kubernetes.io/managed-by=Helm on what Helm
                // owns (Helm checks it), and a second key would be a duplicate YAML key.
                ["labels"] = new JsonObject { [Labels.App] = name, [Labels.Project] = project },
                ["podLabels"] = new JsonObject { [Labels.ManagedBy] = Labels.ManagedByOperator, [Labels.App] = name, [Labels.Project] = project },
                // The 2.x presets add both pod affinity and anti-affinity; leave placement to the scheduler.
                ["usePredefinedAffinity"] = false,
            },
            ["deployments"] = AppWorkloadValues.Deployments(app, image, pullSecret),
            ["services"] = AppNetworkValues.Services(app),
        };
        AddIfAny(values, "ingresses", AppNetworkValues.Ingresses(app, options));
        AddIfAny(values, "pvcs", AppWorkloadValues.Pvcs(app));
        AddIfAny(values, "hpas", AppNetworkValues.Hpas(app));
        return values;
    }

    private static void AddIfAny(JsonObject values, string key, JsonObject section)
    {
        if (section.Count > 0)
        {
            values[key] = section;
        }
    }

    private void CheckAllowed(JsonObject? helmValues, string source)
    {
        if (helmValues is null)
        {
            return;
        }

        var blocked = options.BlockedValueKeys.Where(k => helmValues.ContainsKey(k)).ToList();
        if (blocked.Count > 0)
        {
            throw new InvalidHelmValuesException(
                $"{source} sets {string.Join(", ", blocked)}, which ShapeBlock does not allow: it would apply arbitrary manifests with the Helm job's cluster-wide rights. Remove it from helmValues.");
        }
    }
}
