namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>
/// A stateful fake of the DigitalOcean API v2 on 127.0.0.1: account/keys, vpcs, firewalls, droplets,
/// load_balancers, tags and actions, with DigitalOcean's JSON shapes, <c>links.pages</c> pagination,
/// <c>tag_name</c> filters, errors and rate-limit headers.
/// </summary>
/// <example>
/// <code>
/// await using var digitalOcean = new FakeDigitalOcean();
/// var baseUrl = await digitalOcean.StartAsync(); // http://127.0.0.1:PORT/v2
/// </code>
/// </example>
public sealed class FakeDigitalOcean : FakeCloudServer
{
    /// <summary>Creates the fake (not started).</summary>
    /// <param name="options">Behaviour; defaults when null. DigitalOcean's default rate limit is 5000/hour.</param>
    public FakeDigitalOcean(FakeCloudOptions? options = null)
        : base(options ?? new FakeCloudOptions { RateLimit = 5000 }) => State = new DigitalOceanState(Options);

    /// <summary>The cloud's contents, for assertions and explicit control of actions.</summary>
    public DigitalOceanState State { get; }

    private protected override string ApiPrefix => "/v2";

    private protected override (string Limit, string Remaining, string Reset) RateLimitHeaders =>
        ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset");

    private protected override void Map(IEndpointRouteBuilder api)
    {
        string OriginNow() => Origin;
        KeyEndpoints.Map(api, State, OriginNow);
        VpcEndpoints.Map(api, State, OriginNow);
        FirewallEndpoints.Map(api, State, OriginNow);
        DropletEndpoints.Map(api, State, OriginNow);
        LoadBalancerEndpoints.Map(api, State, OriginNow);
        TagEndpoints.Map(api, State, OriginNow);
        ActionEndpoints.Map(api, State, OriginNow);
    }

    private protected override IResult StandardError(int status, string? message = null) => DoResults.Standard(status, message);
}
