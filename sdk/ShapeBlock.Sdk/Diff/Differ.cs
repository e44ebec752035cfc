using ShapeBlock.Api;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Diff;

/// <summary>Compares a plan with what exists and says, per resource, create / update / replace / delete / unchanged.</summary>
public static class Differ
{
    private static readonly HashSet<string> ImmutableKinds = ["AppBuild"];

    /// <summary>Diffs a plan against live objects (those labelled <c>shapeblock.io/stack=&lt;stack&gt;</c> that are not planned are deleted).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="live">What exists.</param>
    /// <returns>The diff.</returns>
    public static PlanDiff Diff(Plan plan, LiveState live)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(live);
        var liveByKey = new Dictionary<string, System.Text.Json.Nodes.JsonObject>(StringComparer.Ordinal);
        foreach (var obj in live.Objects)
        {
            liveByKey[ObjectKey.Of(obj)] = obj;
        }

        var changes = new List<ResourceChange>();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in plan.Steps)
        {
            switch (step.Kind)
            {
                case StepKind.Cloud:
                    changes.Add(new ResourceChange(step.CloudResource!.Key, ResourceType.CloudResource, ChangeAction.Create, step.Cluster, step.Id) { Description = step.Title });
                    break;
                case StepKind.Host:
                    changes.Add(new ResourceChange($"ssh {step.Script!.Node}: {step.Script.Commands[0].Description}", ResourceType.HostScript, ChangeAction.Create, step.Cluster, step.Id) { Description = step.Title });
                    break;
                default:
                    foreach (var obj in step.Objects)
                    {
                        planned.Add(obj.Key);
                        changes.Add(Object(obj, liveByKey.GetValueOrDefault(obj.Key), step));
                    }

                    break;
            }
        }

        foreach (var (key, obj) in liveByKey.Where(l => !planned.Contains(l.Key)))
        {
            if (obj["metadata"]?["labels"]?[Labels.Stack]?.GetValue<string>() == plan.Stack)
            {
                changes.Add(new ResourceChange(key, ResourceType.KubernetesObject, ChangeAction.Delete, "", null));
            }
        }

        return new PlanDiff(plan, changes, live.IsEmptyWorld);
    }

    private static ResourceChange Object(DesiredObject desired, System.Text.Json.Nodes.JsonObject? live, PlanStep step)
    {
        var fields = JsonDiff.Compare(desired.Manifest, live);
        var action = live is null
            ? ChangeAction.Create
            : fields.Count == 0
                ? ChangeAction.Unchanged
                : ImmutableKinds.Contains(desired.Kind) && fields.Any(f => f.Path.StartsWith("spec", StringComparison.Ordinal)) ? ChangeAction.Replace : ChangeAction.Update;
        return new ResourceChange(desired.Key, ResourceType.KubernetesObject, action, step.Cluster, step.Id)
        {
            Fields = fields,
            Desired = action == ChangeAction.Unchanged ? null : JsonDiff.Mask(desired.Manifest),
            Description = step.Title,
        };
    }
}
