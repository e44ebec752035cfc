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
                    changes.Add(Cloud(step, live.Infrastructure.GetValueOrDefault(step.Cluster)));
                    break;
                case StepKind.Host:
                    changes.Add(Host(step, live.Infrastructure.GetValueOrDefault(step.Cluster)));
                    break;
                default:
                    foreach (var obj in step.Objects)
                    {
                        planned.Add(obj.Key);
                        changes.Add(Object(obj, liveByKey.GetValueOrDefault(obj.Key), step, live.StaleSecrets.GetValueOrDefault(obj.Key) ?? []));
                    }

                    break;
            }
        }

        foreach (var state in live.Infrastructure.Values.Where(i => i.NotRead is null))
        {
            changes.AddRange(state.Extra.Select(key => new ResourceChange(key, ResourceType.CloudResource, ChangeAction.Delete, state.Cluster, null)
            {
                Description = $"{key}: labelled with cluster {state.Cluster}, no longer declared",
            }));
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

    /// <summary>A cloud resource: unknown when the cloud was not read, else create / update (fields) / unchanged.</summary>
    private static ResourceChange Cloud(PlanStep step, InfrastructureState? state)
    {
        var key = step.CloudResource!.Key;
        var (action, fields) = state switch
        {
            null => (ChangeAction.Create, []),
            { NotRead: not null } => (ChangeAction.Unknown, []),
            _ when state.Cloud.TryGetValue(key, out var differs) => (differs.Count > 0 ? ChangeAction.Update : ChangeAction.Unchanged, differs),
            _ => (ChangeAction.Create, (IReadOnlyList<FieldChange>)[]),
        };
        return new ResourceChange(key, ResourceType.CloudResource, action, step.Cluster, step.Id) { Description = step.Title, Fields = fields };
    }

    /// <summary>A k3s install is done when its node is registered; the kubeconfig is read when a master answered.</summary>
    private static ResourceChange Host(PlanStep step, InfrastructureState? state)
    {
        var done = state is { NotRead: null } && (step.Id.EndsWith("/kubeconfig", StringComparison.Ordinal) ? state.Connected : state.Nodes.Contains(step.Script!.Node));
        var action = state switch
        {
            { NotRead: not null } => ChangeAction.Unknown,
            _ => done ? ChangeAction.Unchanged : ChangeAction.Create,
        };
        return new ResourceChange($"ssh {step.Script!.Node}: {step.Script.Commands[0].Description}", ResourceType.HostScript, action, step.Cluster, step.Id) { Description = step.Title };
    }

    private static ResourceChange Object(DesiredObject desired, System.Text.Json.Nodes.JsonObject? live, PlanStep step, IReadOnlyList<string> staleSecretKeys)
    {
        var fields = JsonDiff.Compare(desired.Manifest, live);
        if (live is not null && staleSecretKeys.Count > 0)
        {
            // Values the engine found different (it compared them; the diff never sees them): shown masked, as changed.
            var changed = staleSecretKeys.Select(JsonDiff.SecretValueChange).Where(c => fields.All(f => f.Path != c.Path)).ToList();
            fields = [.. fields, .. changed];
        }

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
