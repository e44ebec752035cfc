namespace ShapeBlock.Testing.Clouds;

/// <summary>
/// What a fake cloud knows about a server or droplet it is creating; handed to
/// <see cref="FakeCloudOptions.AddressProvider"/> so a real SSH host can be made to match it.
/// </summary>
/// <param name="Provider"><c>hetzner</c> or <c>digitalocean</c>.</param>
/// <param name="Id">The server or droplet id, as the API shows it.</param>
/// <param name="Name">The server or droplet name.</param>
/// <param name="Type">The server type (<c>cx22</c>) or droplet size slug (<c>s-2vcpu-4gb</c>).</param>
/// <param name="Location">The location (<c>fsn1</c>) or region slug (<c>fra1</c>).</param>
/// <param name="Image">The image name or slug.</param>
/// <param name="Cores">CPU cores of the type.</param>
/// <param name="MemoryMiB">Memory of the type in MiB (so an SSH host can report the same to a preflight check).</param>
/// <param name="Labels">Hetzner labels (empty for DigitalOcean).</param>
/// <param name="Tags">DigitalOcean tags (empty for Hetzner).</param>
public sealed record ServerInfo(
    string Provider,
    string Id,
    string Name,
    string Type,
    string Location,
    string Image,
    int Cores,
    int MemoryMiB,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Tags)
{
    /// <summary>The addresses on private networks (Hetzner networks given at create, the DigitalOcean VPC), so a host can show them on an interface.</summary>
    public IReadOnlyList<string> PrivateAddresses { get; init; } = [];
}
