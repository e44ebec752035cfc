using System.Globalization;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>
/// Everything the fake DigitalOcean holds. Tests read snapshots (the records the API returns) and can drive
/// actions explicitly; the endpoints mutate it under one lock.
/// </summary>
public sealed class DigitalOceanState
{
    private long nextDropletId = 300_000_000;
    private long nextKeyId = 40_000_000;
    private long nextActionId = 1_900_000_000;

    internal DigitalOceanState(FakeCloudOptions options) => Options = options;

    /// <summary>Droplets.</summary>
    public IReadOnlyList<Droplet> Droplets => Read(() => DropletMap.Values.Select(ToApi).ToList());

    /// <summary>SSH keys.</summary>
    public IReadOnlyList<SshKey> SshKeys => Read(() => KeyMap.Values.ToList());

    /// <summary>VPCs (including region defaults created on demand).</summary>
    public IReadOnlyList<Vpc> Vpcs => Read(() => VpcMap.Values.ToList());

    /// <summary>Firewalls.</summary>
    public IReadOnlyList<Firewall> Firewalls => Read(() => FirewallMap.Values.Select(ToApi).ToList());

    /// <summary>Load balancers.</summary>
    public IReadOnlyList<LoadBalancer> LoadBalancers => Read(() => LoadBalancerMap.Values.Select(ToApi).ToList());

    /// <summary>Tags.</summary>
    public IReadOnlyList<Tag> Tags => Read(() => TagSet.Order(StringComparer.Ordinal).Select(ToApi).ToList());

    /// <summary>Every action so far.</summary>
    public IReadOnlyList<DoAction> Actions => Read(() => ActionMap.Values.Select(ToApi).ToList());

    internal Lock Gate { get; } = new();

    internal FakeCloudOptions Options { get; }

    internal DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    internal Dictionary<long, SshKey> KeyMap { get; } = [];

    internal Dictionary<string, Vpc> VpcMap { get; } = [];

    internal Dictionary<string, FirewallEntry> FirewallMap { get; } = [];

    internal Dictionary<long, DropletEntry> DropletMap { get; } = [];

    internal Dictionary<string, LoadBalancerEntry> LoadBalancerMap { get; } = [];

    internal HashSet<string> TagSet { get; } = new(StringComparer.Ordinal);

    internal Dictionary<long, ActionEntry> ActionMap { get; } = [];

    /// <summary>Counts droplets, firewalls and load balancers carrying a tag (e.g. after <c>destroy</c>: must be 0).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The count.</returns>
    public int CountTagged(string tag) => Read(() =>
        DropletMap.Values.Count(d => d.Tags.Contains(tag)) + FirewallMap.Values.Count(f => f.Record.Tags.Contains(tag))
        + LoadBalancerMap.Values.Count(l => l.Record.Tag == tag));

    /// <summary>Ends a running action successfully now (e.g. releases a droplet stuck in <c>new</c>).</summary>
    /// <param name="actionId">The action id.</param>
    public void CompleteAction(long actionId) => Write(() => Action(actionId).Action.Complete(Now));

    /// <summary>Ends a running action with an error now.</summary>
    /// <param name="actionId">The action id.</param>
    public void FailAction(long actionId) => Write(() => Action(actionId).Action.Fail(Now, "errored", "Action errored"));

    /// <summary>The create action of a droplet.</summary>
    /// <param name="dropletId">The droplet id.</param>
    /// <returns>The action id.</returns>
    public long CreateActionOf(long dropletId) =>
        Read(() => DropletMap.TryGetValue(dropletId, out var d) ? d.CreateAction.Id : throw new KeyNotFoundException($"droplet {dropletId}"));

    /// <summary>Forces a droplet's status (e.g. <c>off</c>); null returns to the derived status.</summary>
    /// <param name="dropletId">The droplet id.</param>
    /// <param name="status">The status.</param>
    public void SetDropletStatus(long dropletId, string? status) =>
        Write(() => (DropletMap.TryGetValue(dropletId, out var d) ? d : throw new KeyNotFoundException($"droplet {dropletId}")).StatusOverride = status);

    internal static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal long NextDropletId() => ++nextDropletId;

    internal long NextKeyId() => ++nextKeyId;

    internal ActionEntry NewAction(string type, ActionOutcome outcome, long resourceId, string region, Task? gate = null)
    {
        var action = new SimulatedAction(++nextActionId, type, Now, Options.ActionDuration, outcome, Options.TimeProvider, gate);
        return ActionMap[action.Id] = new ActionEntry(action, resourceId, "droplet", region);
    }

    internal T Read<T>(Func<T> read)
    {
        lock (Gate)
        {
            Settle();
            return read();
        }
    }

    internal void Write(System.Action write)
    {
        lock (Gate)
        {
            Settle();
            write();
        }
    }

    /// <summary>Applies finished resizes: the new size (and disk) on success; the old one stays after an error.</summary>
    internal void Settle()
    {
        var now = Now;
        foreach (var d in DropletMap.Values.Where(d => d.Resize is { } r && r.Action.Action.PhaseAt(now) != ActionPhase.Running))
        {
            var (action, size, disk) = d.Resize!.Value;
            if (action.Action.PhaseAt(now) == ActionPhase.Succeeded)
            {
                d.Size = size;
                d.DiskGb = disk;
                d.Info = d.Info with { Type = size.Slug, Cores = size.Vcpus, MemoryMiB = size.Memory };
            }

            d.Resize = null;
        }
    }

    /// <summary>The VPC a droplet without <c>vpc_uuid</c> lands in: the region's default, created on first use.</summary>
    internal Vpc DefaultVpc(string region)
    {
        if (VpcMap.Values.FirstOrDefault(v => v.Default && v.Region == region) is { } existing)
        {
            return existing;
        }

        var index = DoCatalog.RegionSlugs.ToList().IndexOf(region);
        var id = Guid.NewGuid().ToString();
        var vpc = new Vpc(id, "do:vpc:" + id, $"default-{region}", "", region, $"10.{100 + index}.0.0/20", true, Time(Now));
        return VpcMap[id] = vpc;
    }

    internal string StatusOf(DropletEntry d) => d.StatusOverride ?? d.CreateAction.PhaseAt(Now) switch
    {
        ActionPhase.Running => "new",
        ActionPhase.Succeeded => "active",
        _ => "off",
    };

    internal Droplet ToApi(DropletEntry d) => ToApi(d, asCreated: false);

    /// <param name="d">The droplet.</param>
    /// <param name="asCreated">Render it as it was created (<c>new</c>, no addresses), as the real API answers a create.</param>
    internal Droplet ToApi(DropletEntry d, bool asCreated)
    {
        var status = asCreated ? "new" : StatusOf(d);
        var v4 = new List<NetworkV4>();
        if (status != "new" && d.Address.IsCompletedSuccessfully)
        {
            var ip = d.Address.Result;
            v4.Add(new NetworkV4(ip, "255.255.240.0", ip[..(ip.LastIndexOf('.') + 1)] + "1", "public"));
            Ipv4Cidr.TryParse(VpcMap.TryGetValue(d.VpcUuid, out var vpc) ? vpc.IpRange : "10.0.0.0/8", out var range);
            v4.Add(new NetworkV4(d.PrivateIp, Ipv4Cidr.Format(range.Mask), Ipv4Cidr.Format(range.Network + 1), "private"));
        }

        return new Droplet(
            d.Id, d.Name, d.Size.Memory, d.Size.Vcpus, d.DiskGb ?? d.Size.Disk, status == "new" || d.Resize is not null, status, d.Created, d.Image, d.Size, d.Size.Slug,
            new DropletNetworks(v4, []), d.Region, [.. d.Tags], d.VpcUuid)
        {
            Features = d.Features,
        };
    }

    internal Firewall ToApi(FirewallEntry f) => ToApi(f, asChanged: false);

    /// <param name="f">The firewall.</param>
    /// <param name="asChanged">Render it as just changed (<c>waiting</c>), as the real API answers a create or update.</param>
    internal Firewall ToApi(FirewallEntry f, bool asChanged) =>
        f.Record with { Status = asChanged || Now - f.ChangedAt < Options.ActionDuration ? "waiting" : "succeeded" };

    internal LoadBalancer ToApi(LoadBalancerEntry l) => ToApi(l, asCreated: false);

    /// <param name="l">The load balancer.</param>
    /// <param name="asCreated">Render it as created (<c>new</c>, no IP yet), as the real API answers a create.</param>
    internal LoadBalancer ToApi(LoadBalancerEntry l, bool asCreated) => asCreated || Now - l.CreatedAt < Options.ActionDuration
        ? l.Record with { Status = "new", Ip = "" }
        : l.Record with { Status = "active", Ip = l.AssignedIp };

    internal Tag ToApi(string name)
    {
        var tagged = DropletMap.Values.Where(d => d.Tags.Contains(name)).OrderBy(d => d.Id).ToList();
        var last = tagged.Count > 0 ? $"/v2/droplets/{tagged[^1].Id}" : null;
        return new Tag(name, new TagResources(tagged.Count, last, new TaggedCount(tagged.Count, last)));
    }

    internal DoAction ToApi(ActionEntry entry)
    {
        var now = Now;
        var a = entry.Action;
        var status = a.PhaseAt(now) switch { ActionPhase.Running => "in-progress", ActionPhase.Succeeded => "completed", _ => "errored" };
        var finished = a.FinishedAt(now);
        return new DoAction(a.Id, status, a.Command, Time(a.Started), finished is { } f ? Time(f) : null, entry.ResourceId, entry.ResourceType, entry.Region);
    }

    private ActionEntry Action(long id) => ActionMap.TryGetValue(id, out var a) ? a : throw new KeyNotFoundException($"action {id}");
}
