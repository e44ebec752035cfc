using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Provisioning.Cloud;

namespace ShapeBlock.Sdk.Engine;

/// <summary>Maps what a cloud holds of a cluster onto the plan's cloud resources (by their keys).</summary>
internal static class CloudDiff
{
    public static InfrastructureState State(ClusterConnectRequest request, CloudInventory? inventory)
    {
        var state = new InfrastructureState(request.Cluster.Name);
        if (inventory is null)
        {
            return state; // SSH machines: no cloud; the host steps are diffed from the nodes.
        }

        var planned = request.Steps.Where(s => s.CloudResource is not null).Select(s => s.CloudResource!).ToList();
        var machineType = planned.FirstOrDefault(r => r.Type is "server" or "droplet")?.Type ?? (inventory.Provider == "hetzner" ? "server" : "droplet");
        var found = new Dictionary<string, IReadOnlyList<FieldChange>>(StringComparer.Ordinal);
        var plannedByKey = planned.DistinctBy(r => r.Key).ToDictionary(r => r.Key, StringComparer.Ordinal);
        foreach (var machine in inventory.Machines)
        {
            var key = Key(inventory.Provider, machineType, machine.Name);
            // A pool's changed server type / droplet size: up resizes the machine in place (an update, not a replace).
            var field = machineType == "server" ? "server_type" : "size";
            var wanted = plannedByKey.TryGetValue(key, out var resource) ? resource.Properties[field]?.GetValue<string>() : null;
            found[key] = machine.Size is { } size && wanted is not null && size != wanted
                ? [new FieldChange(field, FieldChangeKind.Change, size, wanted)]
                : [];
        }

        foreach (var resource in inventory.Resources)
        {
            found[Key(inventory.Provider, resource.Type, resource.Name)] = [.. resource.Changes.Select(c => new FieldChange(c.Path,
                c.Before is null ? FieldChangeKind.Add : c.After is null ? FieldChangeKind.Remove : FieldChangeKind.Change, c.Before, c.After))];
        }

        var declared = planned.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        return state with
        {
            Cloud = found,
            // Machines labelled with the cluster that the plan no longer has (a shrunk pool): up drains and deletes them.
            Extra = [.. inventory.Machines.Select(m => Key(inventory.Provider, machineType, m.Name)).Where(k => !declared.Contains(k)).Order(StringComparer.Ordinal)],
        };
    }

    private static string Key(string provider, string type, string name) => new CloudResource(provider, type, name, []).Key;
}
