using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Provisioning.Cloud;
using ShapeBlock.Sdk.Provisioning.K3s;

namespace ShapeBlock.Sdk.Provisioning;

/// <summary>A pool's server type changed: the existing machines are resized in place, one at a time.</summary>
public sealed partial class ClusterProvisioner
{
    /// <summary>
    /// The existing machines whose server type / droplet size differs from their pool's, checked before anything
    /// changes: the type must exist, its disk must not be smaller than the machine's (clouds cannot shrink a disk), and
    /// the only master is not switched off without <see cref="ProvisionOptions.Force"/>.
    /// </summary>
    private async Task<IReadOnlyList<(CloudMachine Machine, PlannedNode Node)>> PlanResizesAsync(
        Cluster cluster, ICloud cloud, IReadOnlyList<PlannedNode> planned, IReadOnlyList<CloudMachine> existing, CancellationToken ct)
    {
        var byName = existing.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var changes = planned
            .Where(n => byName.TryGetValue(n.Name, out var m) && m.Size is not null && !string.Equals(m.Size, n.Size, StringComparison.Ordinal))
            .Select(n => (Machine: byName[n.Name], Node: n))
            .ToList();
        if (changes.Count == 0)
        {
            return changes;
        }

        var disks = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var size in changes.Select(c => c.Node.Size).Distinct(StringComparer.Ordinal))
        {
            disks[size] = await cloud.SizeDiskGbAsync(size, ct).ConfigureAwait(false);
        }

        var problems = new List<string>();
        foreach (var (machine, node) in changes)
        {
            var pool = node.Role == "master" ? "Masters" : $"Pool {node.Pool}";
            if (disks[node.Size] is not { } disk)
            {
                problems.Add($"{pool}: {cloud.Provider} has no server type {node.Size} (asked for {machine.Name}). Fix: set Size to a type {cloud.Provider} offers.");
            }
            else if (machine.DiskGb is { } have && disk < have)
            {
                problems.Add(
                    $"{pool}: {machine.Size} -> {node.Size} would shrink the disk of {machine.Name} from {have} GB to {disk} GB, which {cloud.Provider} cannot do. " +
                    $"Fix: keep Size = \"{machine.Size}\", or add a new pool with Size = \"{node.Size}\" and set this pool's Count to 0 (its nodes are drained and removed).");
            }
        }

        var masters = changes.Where(c => c.Node.Role == "master").Select(c => c.Machine.Name).ToList();
        if (masters.Count > 0 && planned.Count(n => n.Role == "master") < 3 && !options.Force)
        {
            problems.Add(
                $"Masters: changing the server type of {string.Join(", ", masters)} switches off the only master, so the Kubernetes API is down until it is back (minutes). " +
                "Fix: run up --force (ProvisionOptions.Force) to accept that, or go to 3 masters first (they then change one at a time and etcd keeps quorum).");
        }

        if (problems.Count > 0)
        {
            throw new ProvisioningException($"Cluster {cluster.Name}: the server type cannot be changed as declared. Nothing was changed. " + string.Join(" ", problems));
        }

        return changes;
    }

    /// <summary>
    /// Resizes, one machine at a time (workers first, then masters): cordon and drain through the Eviction API (PDBs
    /// decide, <see cref="ProvisionOptions.DrainTimeout"/>), shut down, change the type, power on, wait until the node
    /// is Ready with a bootID other than before the shutdown (a stale Ready is not taken for the rejoin), uncordon.
    /// Nodes a resize cordoned earlier (an interrupted <c>up</c>) whose machine has its type now are uncordoned once Ready.
    /// Makes no call at all when nothing is to resize and no node is marked.
    /// </summary>
    private async Task ResizeAsync(ICloud cloud, string kubeconfig, IReadOnlyList<(CloudMachine Machine, PlannedNode Node)> resizes, IReadOnlyList<PlannedNode> planned, IProgress<ProvisionEvent>? progress, CancellationToken ct)
    {
        using var api = options.WaitForNodes ? ClusterApi.Create(kubeconfig, options) : null;
        var declared = planned.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var marked = api is null ? new Dictionary<string, string>() : (await api.ResizingAsync(ct).ConfigureAwait(false)).Where(m => declared.Contains(m.Key)).ToDictionary();
        if (resizes.Count == 0 && marked.Count == 0)
        {
            return;
        }

        // Machines found off with another type were resized while adopted (cloud: servers); only the rest are left.
        var current = resizes.Count == 0
            ? new Dictionary<string, CloudMachine>(StringComparer.Ordinal)
            : (await cloud.ListMachinesAsync(ct).ConfigureAwait(false)).ToDictionary(m => m.Name, StringComparer.Ordinal);
        var pending = resizes
            .Where(r => current.TryGetValue(r.Machine.Name, out var m) && m.Size != r.Node.Size)
            .Select(r => (Machine: current[r.Machine.Name], r.Node))
            .OrderBy(r => r.Node.Role == "master").ThenBy(r => r.Node.Name, StringComparer.Ordinal)
            .ToList();
        var resumed = marked.Keys.Where(n => pending.All(p => p.Node.Name != n)).Order(StringComparer.Ordinal).ToList();
        if (pending.Count == 0 && resumed.Count == 0)
        {
            return;
        }

        var what = string.Join(", ", pending.Select(p => $"{p.Node.Name} {p.Machine.Size} -> {p.Node.Size}").Concat(resumed.Select(n => $"{n} (finishing)")));
        await Phase.RunAsync(progress, "resize", $"changing server types one machine at a time: {what}", async () =>
        {
            foreach (var (machine, node) in pending)
            {
                var bootId = "";
                if (api is not null)
                {
                    await api.CordonAndDrainAsync(node.Name, node.Size, "resize", progress, ct).ConfigureAwait(false);
                    bootId = await api.BootIdAsync(node.Name, ct).ConfigureAwait(false);
                }

                await cloud.ResizeMachineAsync(machine, node.Size, ct).ConfigureAwait(false);
                if (api is not null)
                {
                    // Ready alone may be the stale condition from before the shutdown; a new bootID is the rejoin.
                    await api.WaitReadyAsync([node.Name], ct, new Dictionary<string, string> { [node.Name] = bootId }).ConfigureAwait(false);
                    await api.UncordonAsync(node.Name, ct).ConfigureAwait(false);
                }

                progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "resize", $"{node.Name}: {machine.Size} -> {node.Size}, Ready and schedulable again"));
            }

            // No bootID was recorded before these went down (an earlier run did it), so plain Ready is all there is.
            foreach (var name in resumed)
            {
                await api!.WaitReadyAsync([name], ct).ConfigureAwait(false);
                await api.UncordonAsync(name, ct).ConfigureAwait(false);
                progress?.Report(new ProvisionEvent(ProvisionEventKind.Info, "resize", $"{name}: resized by an earlier run, Ready and schedulable again"));
            }
        }).ConfigureAwait(false);
    }
}
