namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>A server as the fake stores it; <see cref="HetznerState"/> derives the API view (status, firewalls, …) on read.</summary>
internal sealed class ServerEntry
{
    public required long Id { get; init; }

    public required string Name { get; set; }

    public required ServerType Type { get; set; }

    /// <summary>The primary disk in GB: the type's at create; grows only with <c>change_type</c> and <c>upgrade_disk</c>.</summary>
    public int? DiskGb { get; set; }

    /// <summary>A running <c>change_type</c> (the server is <c>migrating</c> and locked until it ends).</summary>
    public SimulatedAction? ChangeTypeAction { get; set; }

    /// <summary>Type and disk the running <c>change_type</c> gives the server when it succeeds.</summary>
    public (ServerType Type, int Disk)? PendingType { get; set; }

    public required Location Location { get; init; }

    public required Image Image { get; init; }

    public required Dictionary<string, string> Labels { get; set; }

    public required string Created { get; init; }

    public required SimulatedAction CreateAction { get; init; }

    public required ServerInfo Info { get; set; }

    public bool Ipv4Enabled { get; init; } = true;

    public bool Ipv6Enabled { get; init; } = true;

    public bool StartAfterCreate { get; init; } = true;

    /// <summary>The public IPv4 once the address provider answered; until then the server is hidden from lists.</summary>
    public string? Ipv4 { get; set; }

    public bool Ready { get; set; }

    public long? PlacementGroupId { get; set; }

    public List<ServerPrivateNet> PrivateNets { get; } = [];

    public SimulatedAction? DeleteAction { get; set; }

    /// <summary>A status a test forced (e.g. <c>off</c>), overriding the derived one.</summary>
    public string? StatusOverride { get; set; }
}
