namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary><c>/v1/load_balancers</c>: list, create (services, targets, network), get, update, delete and target/service/network actions.</summary>
internal static class LoadBalancerEndpoints
{
    public static void Map(IEndpointRouteBuilder api, HetznerState state)
    {
        api.MapGet("/load_balancers", (HttpContext c) => state.Read(() =>
            HetznerResults.List(c, "load_balancers", state.LoadBalancerMap.Values.Select(state.ToApi), l => l.Id, l => l.Name, l => l.Labels)));

        api.MapPost("/load_balancers", Handlers.Async(c => CreateAsync(c, state)));

        api.MapGet("/load_balancers/{id}", (HttpContext c) => state.Read(() =>
            HetznerResults.RouteId(c) is { } id && state.LoadBalancerMap.TryGetValue(id, out var l)
                ? CloudJson.Json(new { load_balancer = state.ToApi(l) })
                : HetznerResults.NotFound("load balancer", c)));

        api.MapPut("/load_balancers/{id}", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<UpdateRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            lock (state.Gate)
            {
                if (HetznerResults.RouteId(c) is not { } id || !state.LoadBalancerMap.TryGetValue(id, out var l))
                {
                    return HetznerResults.NotFound("load balancer", c);
                }

                var taken = request.Name is not null && state.LoadBalancerMap.Values.Any(x => x.Name == request.Name && x.Id != id);
                if (HetznerValidation.Update(request, taken, "load balancer") is { } invalid)
                {
                    return invalid;
                }

                l = state.LoadBalancerMap[id] = l with { Name = request.Name ?? l.Name, Labels = request.Labels ?? l.Labels };
                return CloudJson.Json(new { load_balancer = state.ToApi(l) });
            }
        });

        api.MapDelete("/load_balancers/{id}", (HttpContext c) =>
        {
            lock (state.Gate)
            {
                return HetznerResults.RouteId(c) is { } id && state.LoadBalancerMap.Remove(id)
                    ? Results.NoContent()
                    : HetznerResults.NotFound("load balancer", c);
            }
        });

        api.MapPost("/load_balancers/{id}/actions/{command}", Handlers.Async(c => LoadBalancerActions.RunAsync(c, state)));
    }

    private static async Task<IResult> CreateAsync(HttpContext c, HetznerState state)
    {
        var body = await CloudJson.ReadAsync<LoadBalancerCreateRequest>(c);
        if (body.Value is not { } request)
        {
            return HetznerResults.JsonError(body.Error!);
        }

        if ((HetznerValidation.Name(request.Name) ?? HetznerValidation.Labels(request.Labels)) is { } invalid)
        {
            return invalid;
        }

        var typeName = request.LoadBalancerType?.ToString();
        var type = HetznerCatalog.LoadBalancerTypes.FirstOrDefault(t => t.Name == typeName || t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == typeName);
        var location = HetznerCatalog.Locations.FirstOrDefault(l => l.Name == request.Location)
            ?? HetznerCatalog.Locations.FirstOrDefault(l => request.Location is null && l.NetworkZone == request.NetworkZone);
        if (type is null || location is null || request.Algorithm?.Type is not (null or "round_robin" or "least_connections"))
        {
            return HetznerResults.Invalid(type is null ? "load_balancer_type" : location is null ? "location" : "algorithm",
                type is null ? "unknown load balancer type" : location is null ? "location or network_zone is required and must exist" : "unknown algorithm");
        }

        lock (state.Gate)
        {
            state.Sweep();
            if (state.LoadBalancerMap.Values.Any(l => l.Name == request.Name))
            {
                return HetznerResults.Uniqueness("name", "load balancer with the same name already exists");
            }

            var id = state.NextId();
            var publicIp = $"203.0.113.{(id % 250) + 1}";
            var lb = new LoadBalancer(
                id, request.Name!, new LoadBalancerPublicNet(request.PublicInterface ?? true, new LoadBalancerAddress(publicIp, $"lb-{id}.your-server.de"),
                    new LoadBalancerAddress($"2001:db8:ffff::{id % 65536:x}", null)),
                [], location, type, new Protection(false), request.Labels ?? [], [], [], request.Algorithm ?? new LoadBalancerAlgorithm("round_robin"),
                HetznerState.Time(state.Now));
            if (request.Network is { } networkId)
            {
                if (!state.NetworkMap.TryGetValue(networkId, out var network))
                {
                    return HetznerResults.Invalid("network", $"network {networkId} not found");
                }

                var (ip, error) = PrivateAddressing.Allocate(state, network, location.NetworkZone);
                if (ip is null)
                {
                    return HetznerResults.Invalid("network", error!);
                }

                lb = lb with { PrivateNet = [new LoadBalancerPrivateNet(networkId, ip)] };
            }

            foreach (var serviceRequest in request.Services ?? [])
            {
                var (service, error) = LoadBalancerRules.Service(serviceRequest, lb.Services);
                if (error is not null)
                {
                    return error;
                }

                lb = lb with { Services = [.. lb.Services, service!] };
            }

            foreach (var targetRequest in request.Targets ?? [])
            {
                var (target, error) = LoadBalancerRules.Target(state, targetRequest, lb);
                if (error is not null)
                {
                    return error;
                }

                lb = lb with { Targets = [.. lb.Targets, target!] };
            }

            state.LoadBalancerMap[id] = lb;
            var action = state.NewAction("create_load_balancer", ActionOutcome.Succeed, null, ("load_balancer", id));
            return CloudJson.Json(new { load_balancer = state.ToApi(lb), action = state.ToApi(action, asCreated: true) }, 201);
        }
    }
}
