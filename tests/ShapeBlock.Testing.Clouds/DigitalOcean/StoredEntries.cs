namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>A droplet as the fake stores it; the API view (status, networks) is derived on read.</summary>
internal sealed class DropletEntry
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public required Size Size { get; set; }

    /// <summary>The disk in GB: the size's at create; grows only with a <c>resize</c> that has <c>disk: true</c>.</summary>
    public int? DiskGb { get; set; }

    /// <summary>A running <c>resize</c> (the droplet is locked until it ends) and the size and disk it gives.</summary>
    public (ActionEntry Action, Size Size, int Disk)? Resize { get; set; }

    public required Region Region { get; init; }

    public required DoImage Image { get; init; }

    public required List<string> Tags { get; init; }

    public required string VpcUuid { get; init; }

    public required string PrivateIp { get; init; }

    public required string Created { get; init; }

    public required SimulatedAction CreateAction { get; init; }

    /// <summary>The public address from the address provider; the droplet is <c>new</c> until it completes.</summary>
    public required Task<string> Address { get; init; }

    public required ServerInfo Info { get; set; }

    public List<string> Features { get; init; } = [];

    public string? StatusOverride { get; set; }
}

/// <summary>A firewall with the time of its last change (it is <c>waiting</c> for one action duration after it).</summary>
internal sealed record FirewallEntry(Firewall Record, DateTimeOffset ChangedAt);

/// <summary>A load balancer with the time it was created (<c>new</c> for one action duration).</summary>
internal sealed record LoadBalancerEntry(LoadBalancer Record, DateTimeOffset CreatedAt, string AssignedIp);

/// <summary>An action with the resource it works on.</summary>
internal sealed record ActionEntry(SimulatedAction Action, long ResourceId, string ResourceType, string Region);
