namespace ShapeBlock.Sdk.Provisioning.Cloud;

/// <summary>
/// What provisioning needs from a cloud. Every call finds resources by the cluster's label (Hetzner) or tag and
/// name (DigitalOcean) and creates only what is missing, so repeating a call changes nothing.
/// </summary>
internal interface ICloud : IDisposable
{
    /// <summary>The provider's name for messages: <c>hetzner</c>, <c>digitalocean</c>.</summary>
    string Provider { get; }

    /// <summary>Mutating API calls made so far.</summary>
    int MutatingCalls { get; }

    /// <summary>The servers/droplets labelled with the cluster.</summary>
    Task<IReadOnlyList<CloudMachine>> ListMachinesAsync(CancellationToken ct);

    /// <summary>SSH key, private network, firewall (and placement group): found or created.</summary>
    Task EnsureFoundationAsync(CancellationToken ct);

    /// <summary>Creates a machine, or adopts the one of that name, and waits until it runs with both addresses.</summary>
    Task<CloudMachine> EnsureMachineAsync(MachineSpec spec, CancellationToken ct);

    /// <summary>The disk in GB of a server type / droplet size; null when the cloud has no such type.</summary>
    Task<int?> SizeDiskGbAsync(string size, CancellationToken ct);

    /// <summary>
    /// Changes a machine's server type / droplet size in place and starts it again: shut down (unless already off),
    /// change the type with the disk upgraded, power on, wait until it runs. A machine already of that type that is off
    /// is only started. The cloud requires the machine off for the change, so it is unavailable meanwhile.
    /// </summary>
    Task<CloudMachine> ResizeMachineAsync(CloudMachine machine, string size, CancellationToken ct);

    /// <summary>The API load balancer in front of the masters (found or created); returns its public address once it has one.</summary>
    Task<string> EnsureApiLoadBalancerAsync(CancellationToken ct);

    /// <summary>The public address of the existing API load balancer; null when there is none (creates nothing).</summary>
    Task<string?> FindApiLoadBalancerAsync(CancellationToken ct);

    /// <summary>Deletes the API load balancer when there is one (a cluster scaled down to one master); false when there was none.</summary>
    Task<bool> DeleteApiLoadBalancerAsync(CancellationToken ct);

    /// <summary>Deletes a machine and waits until it is gone.</summary>
    Task DeleteMachineAsync(CloudMachine machine, CancellationToken ct);

    /// <summary>Deletes everything of the cluster: machines, load balancers, firewall, network, placement group, key.</summary>
    Task DestroyAsync(IProgress<ProvisionEvent>? progress, CancellationToken ct);

    /// <summary>What the cloud still holds for the cluster (<c>server prod-master-1</c>, …); empty once destroyed.</summary>
    Task<IReadOnlyList<string>> RemainingAsync(CancellationToken ct);
}
