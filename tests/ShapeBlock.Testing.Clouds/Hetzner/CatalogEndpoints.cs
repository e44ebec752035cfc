namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>Read-only catalogue: <c>/v1/server_types</c>, <c>/locations</c>, <c>/datacenters</c>, <c>/images</c>, <c>/load_balancer_types</c>.</summary>
internal static class CatalogEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        static IReadOnlyDictionary<string, string> NoLabels<T>(T _) => new Dictionary<string, string>();
        api.MapGet("/server_types", (HttpContext c) => HetznerResults.List(c, "server_types", HetznerCatalog.ServerTypes, t => t.Id, t => t.Name, NoLabels));
        api.MapGet("/locations", (HttpContext c) => HetznerResults.List(c, "locations", HetznerCatalog.Locations, l => l.Id, l => l.Name, NoLabels));
        api.MapGet("/datacenters", (HttpContext c) =>
            HetznerResults.List(c, "datacenters", HetznerCatalog.Locations.Select(HetznerCatalog.DatacenterOf), d => d.Id, d => d.Name, NoLabels));
        api.MapGet("/images", (HttpContext c) => HetznerResults.List(c, "images", HetznerCatalog.Images, i => i.Id, i => i.Name, i => i.Labels));
        api.MapGet("/load_balancer_types", (HttpContext c) =>
            HetznerResults.List(c, "load_balancer_types", HetznerCatalog.LoadBalancerTypes, t => t.Id, t => t.Name, NoLabels));
    }
}
