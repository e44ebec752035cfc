using System.Text.Json.Nodes;

namespace ShapeBlock.Sdk.Planning;

/// <summary>A cloud resource a plan creates (a server, a network, a firewall, a load balancer, an SSH key), as data.</summary>
/// <param name="Provider"><c>hetzner</c> or <c>digitalocean</c>.</param>
/// <param name="Type">The API's resource type, e.g. <c>server</c>, <c>network</c>, <c>droplet</c>.</param>
/// <param name="Name">The resource name, e.g. <c>prod-master-1</c>.</param>
/// <param name="Properties">The request body the provider sends (no secrets), with labels/tags.</param>
public sealed record CloudResource(string Provider, string Type, string Name, JsonObject Properties)
{
    /// <summary>A unique, readable key: <c>hetzner server prod-master-1</c>.</summary>
    public string Key => $"{Provider} {Type} {Name}";
}
