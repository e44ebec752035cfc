using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Rendering;

/// <summary>
/// Turns a plan into files: one YAML file per Kubernetes or cloud step, one shell script per host step, one
/// values file per HelmChart, and <c>plan.yaml</c> listing the steps in order with their dependencies.
/// Names and content are deterministic; secret values are never written (Secrets hold <c>(secret)</c>).
/// </summary>
public static class PlanRenderer
{
    /// <summary>Renders every file.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The files, in a stable order.</returns>
    public static IReadOnlyList<RenderedFile> Render(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var files = new List<RenderedFile>();
        var index = new JsonArray();
        var width = Math.Max(3, plan.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var stem = $"{Safe(step.Cluster)}/{(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0')}-{Safe(step.Slug)}";
            var stepFiles = new List<RenderedFile>();
            switch (step.Kind)
            {
                case StepKind.Host:
                    stepFiles.Add(new RenderedFile(stem + ".sh", ShellScript.Render(step.Script!, step.Title)));
                    break;
                case StepKind.Cloud:
                    var cloud = step.CloudResource!;
                    var doc = new JsonObject { ["provider"] = cloud.Provider, ["type"] = cloud.Type, ["name"] = cloud.Name, ["properties"] = cloud.Properties.DeepClone() };
                    stepFiles.Add(new RenderedFile(stem + ".cloud.yaml", Header(step) + YamlJson.ToYaml(doc)));
                    break;
                default:
                    stepFiles.Add(new RenderedFile(stem + ".yaml", Header(step) + YamlJson.ToYamlStream(step.Objects.Select(o => (JsonNode?)Diff.JsonDiff.Mask(o.Manifest)))));
                    foreach (var chart in step.Objects.Where(o => o.Kind == "HelmChart" && o.Manifest["spec"]?["valuesContent"] is not null))
                    {
                        stepFiles.Add(new RenderedFile($"{stem}.{Safe(chart.Name)}.values.yaml",
                            $"# Values of HelmChart {chart.Namespace}/{chart.Name} ({chart.Manifest["spec"]!["chart"]} {chart.Manifest["spec"]!["version"]})\n"
                            + chart.Manifest["spec"]!["valuesContent"]!.GetValue<string>()));
                    }

                    break;
            }

            files.AddRange(stepFiles);
            index.Add((JsonNode)new JsonObject
            {
                ["id"] = step.Id,
                ["kind"] = step.Kind.ToString(),
                ["title"] = step.Title,
                ["dependsOn"] = K8sStrings(step.DependsOn),
                ["files"] = K8sStrings(stepFiles.Select(f => f.Path)),
            });
        }

        var unknowns = new JsonObject([.. plan.Unknowns.Select(u => KeyValuePair.Create(u.Key, (JsonNode?)u.Value))]);
        var planDoc = new JsonObject { ["stack"] = plan.Stack, ["steps"] = index, ["unknowns"] = unknowns };
        files.Insert(0, new RenderedFile("plan.yaml",
            "# Everything `up` applies, in order. ${name} values are known only after up; secret values are never written.\n" + YamlJson.ToYaml(planDoc)));
        return files;
    }

    /// <summary>Writes the files under <paramref name="directory"/> (created when missing; files of an earlier render with the same names are replaced).</summary>
    /// <param name="files">The files.</param>
    /// <param name="directory">The target directory.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    /// <returns>A task.</returns>
    public static async Task WriteAsync(IReadOnlyList<RenderedFile> files, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Content, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            if (file.IsScript && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            }
        }
    }

    private static string Header(PlanStep step)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(step.Title).Append('\n');
        text.Append("# step ").Append(step.Id);
        if (step.DependsOn.Count > 0)
        {
            text.Append(", after ").Append(string.Join(", ", step.DependsOn));
        }

        text.Append('\n');
        if (step.Objects.Any(o => o.IsSecret))
        {
            text.Append("# Secret values show as (secret): `up` fills them in; render never writes them.\n");
        }

        return text.ToString();
    }

    private static JsonArray K8sStrings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);

    private static string Safe(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
}
