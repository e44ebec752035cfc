namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>
/// A stateful fake of the Hetzner Cloud API v1 on 127.0.0.1: ssh_keys, networks, firewalls, placement_groups,
/// servers, load_balancers, actions and the read-only catalogue, with Hetzner's JSON shapes, pagination,
/// label selectors, errors and rate-limit headers.
/// </summary>
/// <example>
/// <code>
/// await using var hetzner = new FakeHetzner();
/// var baseUrl = await hetzner.StartAsync(); // http://127.0.0.1:PORT/v1
/// http.DefaultRequestHeaders.Authorization = new("Bearer", hetzner.Options.Token);
/// </code>
/// </example>
public sealed class FakeHetzner : FakeCloudServer
{
    /// <summary>Creates the fake (not started).</summary>
    /// <param name="options">Behaviour; defaults when null.</param>
    public FakeHetzner(FakeCloudOptions? options = null)
        : base(options) => State = new HetznerState(Options);

    /// <summary>The cloud's contents, for assertions and explicit control of actions.</summary>
    public HetznerState State { get; }

    private protected override string ApiPrefix => "/v1";

    private protected override (string Limit, string Remaining, string Reset) RateLimitHeaders =>
        ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

    private protected override void Map(IEndpointRouteBuilder api)
    {
        SshKeyEndpoints.Map(api, State);
        NetworkEndpoints.Map(api, State);
        FirewallEndpoints.Map(api, State);
        PlacementGroupEndpoints.Map(api, State);
        ServerEndpoints.Map(api, State);
        LoadBalancerEndpoints.Map(api, State);
        ActionEndpoints.Map(api, State);
        CatalogEndpoints.Map(api);
    }

    private protected override IResult StandardError(int status, string? message = null) => HetznerResults.Standard(status, message);
}
