using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// Runs <c>up</c>, <c>destroy</c> and <c>status</c> over every cluster of a stack: connects through an
/// <see cref="IClusterConnector"/>, then applies, prunes and waits (<c>up</c>), deletes (<c>destroy</c>) or
/// reads (<c>status</c>). Clusters are handled one after the other, in declaration order.
/// </summary>
internal sealed class StackEngine(Stack stack, Plan plan, SecretResolver secrets, IReadOnlyList<IClusterConnector> connectors, EngineOptions options, IEngineReporter reporter)
{
    private readonly SecretMasker masker = new();
    private readonly Dictionary<string, string> known = new(StringComparer.Ordinal);
    private readonly List<string> notes = [];

    /// <summary>The plan with every value found so far in place of its placeholder (the ingress address of the clusters read).</summary>
    public Plan Plan { get; private set; } = plan;

    /// <summary>What reading found out that people should know (a resolved ingress address and where it came from, or why not).</summary>
    public IReadOnlyList<string> Notes => notes;

    /// <summary>Checks that a connector handles every cluster of the stack.</summary>
    /// <exception cref="NotSupportedException">One does not (the message names the cluster and its node source).</exception>
    public void EnsureConnectors()
    {
        foreach (var cluster in stack.Clusters)
        {
            Connector(cluster);
        }
    }

    /// <summary>Connects to a cluster (provisioning it when <paramref name="provision"/> and the connector does that).</summary>
    /// <exception cref="NotSupportedException">No connector handles the cluster's node source in this build.</exception>
    public async Task<ClusterConnection> ConnectAsync(Cluster cluster, bool provision, CancellationToken cancellationToken)
    {
        return await Connector(cluster).ConnectAsync(Request(cluster, provision), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads what exists of the plan's objects and the stack's labelled objects (for the diff shown before <c>up</c>).</summary>
    public async Task<LiveState> ReadLiveAsync(CancellationToken cancellationToken)
    {
        var objects = new List<JsonObject>();
        var machines = new Dictionary<string, InfrastructureState>(StringComparer.Ordinal);
        var staleSecrets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var cluster in stack.Clusters)
        {
            // A cluster that is still to be created has nothing live: everything on it shows as to create.
            var connector = Connector(cluster);
            var infrastructure = connector is IInfrastructureInspector inspector
                ? await inspector.InspectAsync(Request(cluster, provision: false), cancellationToken).ConfigureAwait(false)
                : null;
            var connection = connector is IInfrastructureConnector owner
                ? await owner.FindAsync(Request(cluster, provision: false), cancellationToken).ConfigureAwait(false)
                : await ConnectAsync(cluster, provision: false, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                if (infrastructure is not null)
                {
                    machines[cluster.Name] = infrastructure;
                }

                continue;
            }

            using var api = new KubeApi(connection.Configuration(), cluster.Name, options);
            if (infrastructure is not null)
            {
                // A node registered with the API server runs k3s: its install step is done.
                var nodes = await api.ListAsync(new ApiResource("v1", "Node", "nodes", false), null, null, null, cancellationToken).ConfigureAwait(false);
                machines[cluster.Name] = infrastructure with
                {
                    Connected = true,
                    Nodes = nodes.Items.Select(n => n["metadata"]?["name"]?.GetValue<string>() ?? "").ToHashSet(StringComparer.Ordinal),
                };
            }

            try
            {
                await ResolveAsync(api, cluster, connection, cancellationToken).ConfigureAwait(false);
            }
            catch (ApplyFailedException e)
            {
                notes.Add($"{IngressToken(cluster)} stays unknown until up: {e.Message}");
            }

            var liveSecrets = new List<(DesiredObject Desired, JsonObject Live)>();
            foreach (var obj in Plan.Steps.Where(s => s.Cluster == cluster.Name).SelectMany(s => s.Objects))
            {
                if (await api.ResolveAsync(obj.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false) is { } resource
                    && await api.GetAsync(resource, obj.Namespace, obj.Name, cancellationToken).ConfigureAwait(false) is { } live)
                {
                    objects.Add(live);
                    if (obj.IsSecret)
                    {
                        liveSecrets.Add((obj, live));
                    }
                }
            }

            // As up does: every generated value is taken back before any value derived from it is compared.
            foreach (var (desired, live) in liveSecrets)
            {
                ObjectWriter.AdoptGenerated(desired, live);
            }

            var writer = new ObjectWriter(api, new Waiter(api, options), options, stack.Name, secrets, masker);
            foreach (var (desired, live) in liveSecrets)
            {
                if (writer.StaleSecretKeys(desired, live) is { Count: > 0 } stale)
                {
                    staleSecrets[desired.Key] = stale;
                }
            }

            var pruner = new Pruner(api, new Waiter(api, options), stack.Name, cluster.Name, options, reporter);
            var seen = objects.Select(ObjectKey.Of).ToHashSet(StringComparer.Ordinal);
            objects.AddRange((await pruner.ListAsync(ManagedKinds.For(Plan, cluster.Name), cancellationToken).ConfigureAwait(false))
                .Select(l => l.Object).Where(o => !seen.Contains(ObjectKey.Of(o))));
        }

        return new LiveState(objects, false) { Infrastructure = machines, StaleSecrets = staleSecrets };
    }

    /// <summary>Applies the plan, prunes what is no longer declared and (unless <paramref name="wait"/> is false) waits for the outcomes.</summary>
    public async Task UpAsync(bool wait, CancellationToken cancellationToken)
    {
        foreach (var cluster in stack.Clusters)
        {
            var connection = await ConnectAsync(cluster, provision: true, cancellationToken).ConfigureAwait(false);
            using var api = new KubeApi(connection.Configuration(), cluster.Name, options);
            // Resolved after connecting (a provisioned cluster exists only now), before anything is written.
            await ResolveAsync(api, cluster, connection, cancellationToken).ConfigureAwait(false);
            var resolved = Plan;
            var steps = resolved.Steps.Where(s => s.Cluster == cluster.Name && s.Kind == StepKind.Kubernetes).ToList();
            var unresolved = resolved.Unknowns.Keys.Where(token => steps.SelectMany(s => s.Objects).Any(o => o.Manifest.ToJsonString().Contains(token, StringComparison.Ordinal))).ToList();
            if (unresolved.Count > 0)
            {
                throw new ApplyFailedException($"{cluster.Name}: the plan still holds values known only after up ({string.Join(", ", unresolved)}: {string.Join("; ", unresolved.Select(u => resolved.Unknowns[u]))}); nothing was written. "
                    + "Set Addons.BaseDomain (and Addons.Registry.Host) on the cluster.");
            }

            var waiter = new Waiter(api, options);
            var writer = new ObjectWriter(api, waiter, options, stack.Name, secrets, masker);
            await new ClusterApplier(api, waiter, writer, cluster.Name, options, reporter).ApplyAsync(steps, cancellationToken).ConfigureAwait(false);

            var declared = steps.SelectMany(s => s.Objects).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
            await new Pruner(api, waiter, stack.Name, cluster.Name, options, reporter).PruneAsync(resolved, declared, cancellationToken).ConfigureAwait(false);
            if (wait)
            {
                await new OutcomeWaiter(api, waiter, cluster.Name, options, reporter, masker).WaitAsync(resolved, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Deletes every object the stack created (CRs first), waiting for each tier to be gone; clusters in reverse order.
    /// A cluster whose connector owns its machines (<see cref="IInfrastructureConnector"/>) is removed whole instead:
    /// deleting the machines removes every object on them, and works even when the API server never came up.
    /// </summary>
    public async Task<int> DestroyAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var cluster in stack.Clusters.Reverse())
        {
            if (Connector(cluster) is IInfrastructureConnector infrastructure)
            {
                await infrastructure.DestroyAsync(Request(cluster, provision: false), cancellationToken).ConfigureAwait(false);
                continue;
            }

            using var api = await OpenAsync(cluster, provision: false, cancellationToken).ConfigureAwait(false);
            deleted += await new Pruner(api, new Waiter(api, options), stack.Name, cluster.Name, options, reporter)
                .PruneAsync(Plan, new HashSet<string>(), cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>Nodes and the stack's ShapeBlock resources with phase, URL and message.</summary>
    public async Task<IReadOnlyList<StatusRow>> StatusAsync(CancellationToken cancellationToken)
    {
        var rows = new List<StatusRow>();
        foreach (var cluster in stack.Clusters)
        {
            using var api = await OpenAsync(cluster, provision: false, cancellationToken).ConfigureAwait(false);
            if (await api.ResolveAsync("v1", "Node", cancellationToken).ConfigureAwait(false) is { } nodes)
            {
                foreach (var node in (await api.ListAsync(nodes, null, null, null, cancellationToken).ConfigureAwait(false)).Items)
                {
                    rows.Add(new StatusRow(cluster.Name, "Node", node["metadata"]!["name"]!.GetValue<string>(), Waiter.Condition(node, "Ready") ? "Ready" : "NotReady", null, null));
                }
            }

            var pruner = new Pruner(api, new Waiter(api, options), stack.Name, cluster.Name, options, reporter);
            var kinds = ManagedKinds.For(Plan, cluster.Name).Where(k => ManagedKinds.IsShapeBlock(k.ApiVersion)).Reverse();
            foreach (var (_, obj) in await pruner.ListAsync(kinds, cancellationToken).ConfigureAwait(false))
            {
                var ns = obj["metadata"]?["namespace"]?.GetValue<string>();
                var name = obj["metadata"]!["name"]!.GetValue<string>();
                rows.Add(new StatusRow(cluster.Name, obj["kind"]!.GetValue<string>(), ns is null ? name : $"{ns}/{name}",
                    obj["status"]?["phase"]?.GetValue<string>() ?? "(no status yet)", obj["status"]?["url"]?.GetValue<string>(), obj["status"]?["message"]?.GetValue<string>()));
            }
        }

        return rows;
    }

    private static string IngressToken(Cluster cluster) => "${" + PlatformSteps.IngressAddressName(cluster.Name) + "}";

    /// <summary>Finds the cluster's ingress address when the plan needs it (no BaseDomain) and plans again with it.</summary>
    /// <exception cref="ApplyFailedException">It cannot be found (the message names the fix).</exception>
    private async Task ResolveAsync(KubeApi api, Cluster cluster, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var token = IngressToken(cluster);
        if (!Plan.Unknowns.ContainsKey(token))
        {
            return;
        }

        var address = await IngressAddressResolver.ResolveAsync(api, cluster, connection, cancellationToken).ConfigureAwait(false);
        known[PlatformSteps.IngressAddressName(cluster.Name)] = address.Address;
        Plan = Planner.Create(stack, known);
        var message = $"{token} = {address.Address} (from the {address.Source}): registry and app hosts use {address.Address}.nip.io";
        notes.Add(message);
        reporter.Report(new EngineEvent(EngineEventKind.Ready, cluster.Name, "ingress-address", message));
    }

    private IClusterConnector Connector(Cluster cluster)
    {
        var source = cluster.Args.Provider ?? throw new InvalidOperationException($"{cluster.Name}: the cluster has no node source.");
        return connectors.FirstOrDefault(c => c.Supports(source))
            ?? throw new NotSupportedException($"cluster '{cluster.Name}' ({source.Describe()}) cannot be reached by this build: no connector in ProgramHost.Connectors handles its node source (connectors plug in through IClusterConnector). Use 'preview' and 'render <dir>' for it.");
    }

    private ClusterConnectRequest Request(Cluster cluster, bool provision) =>
        new(cluster, [.. Plan.Steps.Where(s => s.Cluster == cluster.Name && s.Kind != StepKind.Kubernetes)], secrets, provision) { Reporter = reporter, Force = options.Force };

    private async Task<KubeApi> OpenAsync(Cluster cluster, bool provision, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cluster, provision, cancellationToken).ConfigureAwait(false);
        return new KubeApi(connection.Configuration(), cluster.Name, options);
    }
}
