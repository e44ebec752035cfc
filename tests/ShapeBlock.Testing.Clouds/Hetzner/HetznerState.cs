namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>
/// Everything the fake Hetzner Cloud holds. Tests read snapshots (the same records the API returns) and can
/// drive actions explicitly; the endpoints mutate it under one lock.
/// </summary>
public sealed class HetznerState
{
    private long nextId = 1_000_000;
    private long nextActionId = 9_000_000;

    internal HetznerState(FakeCloudOptions options) => Options = options;

    /// <summary>Servers (hidden while the address provider has not answered; <c>deleting</c> until the delete action ends).</summary>
    public IReadOnlyList<Server> Servers => Read(() => ServerMap.Values.Where(s => s.Ready).Select(ToApi).ToList());

    /// <summary>SSH keys.</summary>
    public IReadOnlyList<SshKey> SshKeys => Read(() => SshKeyMap.Values.ToList());

    /// <summary>Networks.</summary>
    public IReadOnlyList<Network> Networks => Read(() => NetworkMap.Values.Select(ToApi).ToList());

    /// <summary>Firewalls.</summary>
    public IReadOnlyList<Firewall> Firewalls => Read(() => FirewallMap.Values.Select(ToApi).ToList());

    /// <summary>Placement groups.</summary>
    public IReadOnlyList<PlacementGroup> PlacementGroups => Read(() => PlacementGroupMap.Values.Select(ToApi).ToList());

    /// <summary>Load balancers.</summary>
    public IReadOnlyList<LoadBalancer> LoadBalancers => Read(() => LoadBalancerMap.Values.Select(ToApi).ToList());

    /// <summary>Every action so far.</summary>
    public IReadOnlyList<HetznerAction> Actions => Read(() => ActionMap.Values.Select(ToApi).ToList());

    internal Lock Gate { get; } = new();

    internal FakeCloudOptions Options { get; }

    internal DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    internal Dictionary<long, SshKey> SshKeyMap { get; } = [];

    internal Dictionary<long, Network> NetworkMap { get; } = [];

    internal Dictionary<long, Firewall> FirewallMap { get; } = [];

    internal Dictionary<long, PlacementGroup> PlacementGroupMap { get; } = [];

    internal Dictionary<long, ServerEntry> ServerMap { get; } = [];

    internal Dictionary<long, LoadBalancer> LoadBalancerMap { get; } = [];

    internal Dictionary<long, SimulatedAction> ActionMap { get; } = [];

    /// <summary>Counts resources of every kind whose labels match a selector (e.g. <c>shapeblock.io/cluster=prod</c>).</summary>
    /// <param name="labelSelector">The selector.</param>
    /// <returns>How many servers, keys, networks, firewalls, placement groups and load balancers match.</returns>
    public int CountLabelled(string labelSelector)
    {
        var selector = LabelSelector.Parse(labelSelector);
        return Read(() =>
            ServerMap.Values.Count(s => selector.Matches(s.Labels)) + SshKeyMap.Values.Count(k => selector.Matches(k.Labels))
            + NetworkMap.Values.Count(n => selector.Matches(n.Labels)) + FirewallMap.Values.Count(f => selector.Matches(f.Labels))
            + PlacementGroupMap.Values.Count(p => selector.Matches(p.Labels)) + LoadBalancerMap.Values.Count(l => selector.Matches(l.Labels)));
    }

    /// <summary>Ends a running action successfully now (e.g. releases a server stuck in <c>initializing</c>).</summary>
    /// <param name="actionId">The action id.</param>
    public void CompleteAction(long actionId) => Write(() => Action(actionId).Complete(Now));

    /// <summary>Ends a running action with an error now.</summary>
    /// <param name="actionId">The action id.</param>
    /// <param name="code">Error code.</param>
    /// <param name="message">Error message.</param>
    public void FailAction(long actionId, string code = "action_failed", string message = "Action failed") =>
        Write(() => Action(actionId).Fail(Now, code, message));

    /// <summary>Forces a server's status (e.g. <c>off</c>); null returns to the derived status.</summary>
    /// <param name="serverId">The server id.</param>
    /// <param name="status">The status.</param>
    public void SetServerStatus(long serverId, string? status) =>
        Write(() => (ServerMap.TryGetValue(serverId, out var s) ? s : throw new KeyNotFoundException($"server {serverId}")).StatusOverride = status);

    /// <summary>The create action of a server (to complete or fail it from a test).</summary>
    /// <param name="serverId">The server id.</param>
    /// <returns>The action id.</returns>
    public long CreateActionOf(long serverId) =>
        Read(() => ServerMap.TryGetValue(serverId, out var s) ? s.CreateAction.Id : throw new KeyNotFoundException($"server {serverId}"));

    internal static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    internal long NextId() => ++nextId;

    internal SimulatedAction NewAction(string command, ActionOutcome outcome, Task? gate, params (string Type, long Id)[] resources)
    {
        var action = new SimulatedAction(++nextActionId, command, Now, Options.ActionDuration, outcome, Options.TimeProvider, gate);
        action.Resources.AddRange(resources.Select(r => (r.Type, r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        ActionMap[action.Id] = action;
        return action;
    }

    internal T Read<T>(Func<T> read)
    {
        lock (Gate)
        {
            Sweep();
            return read();
        }
    }

    internal void Write(System.Action write)
    {
        lock (Gate)
        {
            Sweep();
            write();
        }
    }

    /// <summary>Removes servers whose delete action has finished (and every reference to them).</summary>
    internal void Sweep()
    {
        var now = Now;
        foreach (var changed in ServerMap.Values.Where(s => s.ChangeTypeAction is { } a && a.PhaseAt(now) != ActionPhase.Running).ToList())
        {
            // A finished change_type: the new type (and disk) on success; the old one stays after an error.
            if (changed.ChangeTypeAction!.PhaseAt(now) == ActionPhase.Succeeded && changed.PendingType is { } pending)
            {
                changed.Type = pending.Type;
                changed.DiskGb = pending.Disk;
                changed.Info = changed.Info with { Type = pending.Type.Name, Cores = pending.Type.Cores, MemoryMiB = (int)(pending.Type.Memory * 1024) };
            }

            changed.ChangeTypeAction = null;
            changed.PendingType = null;
        }

        foreach (var gone in ServerMap.Values.Where(s => s.DeleteAction?.PhaseAt(now) == ActionPhase.Succeeded).ToList())
        {
            ServerMap.Remove(gone.Id);
            foreach (var firewall in FirewallMap.Values.ToList())
            {
                FirewallMap[firewall.Id] = firewall with { AppliedTo = [.. firewall.AppliedTo.Where(a => a.Server?.Id != gone.Id)] };
            }

            foreach (var lb in LoadBalancerMap.Values.ToList())
            {
                LoadBalancerMap[lb.Id] = lb with { Targets = [.. lb.Targets.Where(t => t.Server?.Id != gone.Id)] };
            }
        }
    }

    internal HetznerAction ToApi(SimulatedAction a) => ToApi(a, asCreated: false);

    /// <param name="a">The action.</param>
    /// <param name="asCreated">Render it as it was when it started (running, 0 %), as the real API answers a create.</param>
    internal HetznerAction ToApi(SimulatedAction a, bool asCreated)
    {
        var now = Now;
        var phase = asCreated ? ActionPhase.Running : a.PhaseAt(now);
        var status = phase switch { ActionPhase.Running => "running", ActionPhase.Succeeded => "success", _ => "error" };
        var finished = asCreated ? null : a.FinishedAt(now);
        return new HetznerAction(
            a.Id, a.Command, status, asCreated ? 0 : a.ProgressAt(now), Time(a.Started), finished is { } f ? Time(f) : null,
            [.. a.Resources.Select(r => new ResourceReference(long.Parse(r.Id, System.Globalization.CultureInfo.InvariantCulture), r.Type))],
            phase == ActionPhase.Failed ? new ErrorBody(a.ErrorCode, a.ErrorMessage) : null);
    }

    internal string StatusOf(ServerEntry s)
    {
        if (s.DeleteAction is not null)
        {
            return "deleting";
        }

        if (s.ChangeTypeAction?.PhaseAt(Now) == ActionPhase.Running)
        {
            return "migrating";
        }

        if (s.StatusOverride is { } forced)
        {
            return forced;
        }

        return s.CreateAction.PhaseAt(Now) switch
        {
            ActionPhase.Running => "initializing",
            ActionPhase.Succeeded => s.StartAfterCreate ? "running" : "off",
            _ => "off",
        };
    }

    internal Server ToApi(ServerEntry s) => ToApi(s, asCreated: false);

    /// <param name="s">The server.</param>
    /// <param name="asCreated">Render it as it was created (<c>initializing</c>), as the real API answers a create.</param>
    internal Server ToApi(ServerEntry s, bool asCreated)
    {
        var firewalls = FirewallMap.Values
            .Where(f => f.AppliedTo.Any(a => a.Server?.Id == s.Id || (a.LabelSelector is { } sel && Selects(sel.Selector, s.Labels))))
            .Select(f => new ServerFirewall(f.Id, "applied")).ToList();
        var publicNet = new ServerPublicNet(
            s.Ipv4Enabled && s.Ipv4 is { } ip ? new ServerIpv4(s.Id + 1, ip, false, $"static.{ip}.clients.your-server.de") : null,
            s.Ipv6Enabled ? new ServerIpv6(s.Id + 2, $"2001:db8:{s.Id % 65536:x}::/64", false, []) : null,
            [],
            firewalls);
        var lbs = LoadBalancerMap.Values.Where(l => l.Targets.Any(t => TargetSelects(t, s))).Select(l => l.Id).ToList();
        var group = s.PlacementGroupId is { } g && PlacementGroupMap.TryGetValue(g, out var pg) ? ToApi(pg) : null;
        return new Server(
            s.Id, s.Name, asCreated ? "initializing" : StatusOf(s), s.Created, publicNet, [.. s.PrivateNets], s.Type, HetznerCatalog.DatacenterOf(s.Location),
            s.Location, s.Image, new ServerProtection(false, false), s.Labels, group, lbs, s.DiskGb ?? s.Type.Disk)
        {
            Locked = s.ChangeTypeAction?.PhaseAt(Now) == ActionPhase.Running,
        };
    }

    internal Network ToApi(Network n) => n with
    {
        Servers = [.. ServerMap.Values.Where(s => s.PrivateNets.Any(p => p.Network == n.Id)).Select(s => s.Id).Order()],
        LoadBalancers = [.. LoadBalancerMap.Values.Where(l => l.PrivateNet.Any(p => p.Network == n.Id)).Select(l => l.Id).Order()],
    };

    internal PlacementGroup ToApi(PlacementGroup p) => p with
    {
        Servers = [.. ServerMap.Values.Where(s => s.PlacementGroupId == p.Id).Select(s => s.Id).Order()],
    };

    internal Firewall ToApi(Firewall f) => f with
    {
        AppliedTo = [.. f.AppliedTo.Select(a => a.LabelSelector is { } sel
            ? a with { AppliedToResources = [.. ServerMap.Values.Where(s => Selects(sel.Selector, s.Labels)).Select(s => new FirewallResource("server") { Server = new IdReference(s.Id) })] }
            : a)],
    };

    internal LoadBalancer ToApi(LoadBalancer l)
    {
        LoadBalancerTarget Health(LoadBalancerTarget t, ServerEntry? server) => t with
        {
            HealthStatus = [.. l.Services.Select(svc => new TargetHealth(svc.ListenPort, server is not null && StatusOf(server) == "running" ? "healthy" : "unknown"))],
        };

        var targets = l.Targets.Select(t => t.Type switch
        {
            "server" => Health(t, ServerMap.GetValueOrDefault(t.Server!.Id)),
            "label_selector" => t with
            {
                Targets = [.. ServerMap.Values.Where(s => s.Ready && Selects(t.LabelSelector!.Selector, s.Labels))
                    .Select(s => Health(new LoadBalancerTarget("server", t.UsePrivateIp) { Server = new IdReference(s.Id) }, s))],
            },
            _ => Health(t, null),
        }).ToList();
        return l with { Targets = targets };
    }

    internal bool TargetSelects(LoadBalancerTarget t, ServerEntry s) =>
        t.Server?.Id == s.Id || (t.LabelSelector is { } sel && Selects(sel.Selector, s.Labels));

    internal static bool Selects(string selector, IReadOnlyDictionary<string, string> labels)
    {
        try
        {
            return LabelSelector.Parse(selector).Matches(labels);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private SimulatedAction Action(long id) =>
        ActionMap.TryGetValue(id, out var a) ? a : throw new KeyNotFoundException($"action {id}");
}
