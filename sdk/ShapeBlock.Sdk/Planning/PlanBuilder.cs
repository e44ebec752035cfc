using System.Text.Json.Nodes;
using ShapeBlock.Api;

namespace ShapeBlock.Sdk.Planning;

/// <summary>Collects steps in order, labels every object with the stack, and checks that dependencies come first.</summary>
/// <param name="stack">The stack name.</param>
/// <param name="known">Values found while connecting (<c>prod.ingress-address</c> → <c>203.0.113.7</c>); they replace their <c>${…}</c> placeholders.</param>
internal sealed class PlanBuilder(string stack, IReadOnlyDictionary<string, string>? known = null)
{
    private readonly List<PlanStep> steps = [];
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> unknowns = new(StringComparer.Ordinal);

    public string Stack { get; } = stack;

    /// <summary>Declares a value known only after <c>up</c> and returns its placeholder <c>${name}</c> (or the value, when it is known already).</summary>
    public string Unknown(string name, string description)
    {
        if (known is not null && known.TryGetValue(name, out var value))
        {
            return value;
        }

        var token = "${" + name + "}";
        unknowns[token] = description;
        return token;
    }

    public PlanStep Add(PlanStep step)
    {
        // A duplicate id means a duplicate name in the model; validation reports it, the plan keeps the first.
        if (!ids.Add(step.Id))
        {
            return step;
        }

        var missing = step.DependsOn.Where(d => !ids.Contains(d)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Plan step {step.Id} depends on {string.Join(", ", missing)}, which is not planned before it.");
        }

        foreach (var obj in step.Objects)
        {
            Label(obj.Manifest);
        }

        steps.Add(step);
        return step;
    }

    public PlanStep Kubernetes(string id, string cluster, string title, IEnumerable<string> dependsOn, IEnumerable<DesiredObject> objects, string? resourcePath = null) =>
        Add(new PlanStep(id, cluster, StepKind.Kubernetes, title)
        {
            DependsOn = [.. dependsOn.Distinct()],
            Objects = [.. objects],
            ResourcePath = resourcePath,
        });

    public PlanStep Kubernetes(string id, string cluster, string title, IEnumerable<string> dependsOn, IEnumerable<JsonObject> objects) =>
        Kubernetes(id, cluster, title, dependsOn, objects.Select(o => new DesiredObject(o)));

    public Plan Build() => new(Stack, [.. steps]) { Unknowns = new Dictionary<string, string>(unknowns) };

    private void Label(JsonObject manifest)
    {
        var metadata = manifest["metadata"]!.AsObject();
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = [];
            metadata["labels"] = labels;
        }

        labels[Labels.ManagedBy] = Labels.ManagedBySdk;
        labels[Labels.Stack] = Stack;
    }
}
