namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary><c>/v1/networks</c>: list, create (with subnets), get, update, delete, <c>actions/add_subnet</c> and <c>actions/delete_subnet</c>.</summary>
internal static class NetworkEndpoints
{
    public static void Map(IEndpointRouteBuilder api, HetznerState state)
    {
        api.MapGet("/networks", (HttpContext c) => state.Read(() =>
            HetznerResults.List(c, "networks", state.NetworkMap.Values.Select(state.ToApi), n => n.Id, n => n.Name, n => n.Labels)));

        api.MapPost("/networks", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<NetworkCreateRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            if ((HetznerValidation.Name(request.Name) ?? HetznerValidation.Labels(request.Labels)) is { } invalid)
            {
                return invalid;
            }

            if (!Ipv4Cidr.TryParse(request.IpRange, out var range) || !range.IsPrivate || range.Prefix > 24)
            {
                return HetznerResults.Invalid("ip_range", "must be an RFC 1918 range of /24 or larger");
            }

            var subnets = new List<Subnet>();
            foreach (var subnet in request.Subnets ?? [])
            {
                if (CheckSubnet(range, subnets, subnet) is { } bad)
                {
                    return bad;
                }

                subnets.Add(subnet with { Gateway = Gateway(range) });
            }

            lock (state.Gate)
            {
                if (state.NetworkMap.Values.Any(n => n.Name == request.Name))
                {
                    return HetznerResults.Uniqueness("name", "network with the same name already exists");
                }

                var network = new Network(
                    state.NextId(), request.Name!, range.ToString(), subnets, request.Routes ?? [], [], [], new Protection(false),
                    request.Labels ?? [], HetznerState.Time(state.Now), request.ExposeRoutesToVswitch ?? false);
                state.NetworkMap[network.Id] = network;
                return CloudJson.Json(new { network = state.ToApi(network) }, 201);
            }
        });

        api.MapGet("/networks/{id}", (HttpContext c) => state.Read(() =>
            HetznerResults.RouteId(c) is { } id && state.NetworkMap.TryGetValue(id, out var n)
                ? CloudJson.Json(new { network = state.ToApi(n) })
                : HetznerResults.NotFound("network", c)));

        api.MapPut("/networks/{id}", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<UpdateRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            lock (state.Gate)
            {
                if (HetznerResults.RouteId(c) is not { } id || !state.NetworkMap.TryGetValue(id, out var n))
                {
                    return HetznerResults.NotFound("network", c);
                }

                var taken = request.Name is not null && state.NetworkMap.Values.Any(x => x.Name == request.Name && x.Id != id);
                if (HetznerValidation.Update(request, taken, "network") is { } invalid)
                {
                    return invalid;
                }

                n = state.NetworkMap[id] = n with { Name = request.Name ?? n.Name, Labels = request.Labels ?? n.Labels };
                return CloudJson.Json(new { network = state.ToApi(n) });
            }
        });

        api.MapDelete("/networks/{id}", (HttpContext c) =>
        {
            lock (state.Gate)
            {
                if (HetznerResults.RouteId(c) is not { } id || !state.NetworkMap.Remove(id))
                {
                    return HetznerResults.NotFound("network", c);
                }

                // Like the real API: attached servers and load balancers are detached.
                foreach (var server in state.ServerMap.Values)
                {
                    server.PrivateNets.RemoveAll(p => p.Network == id);
                }

                foreach (var lb in state.LoadBalancerMap.Values.ToList())
                {
                    state.LoadBalancerMap[lb.Id] = lb with { PrivateNet = [.. lb.PrivateNet.Where(p => p.Network != id)] };
                }

                return Results.NoContent();
            }
        });

        api.MapPost("/networks/{id}/actions/add_subnet", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<Subnet>(c);
            if (body.Value is not { } subnet)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            lock (state.Gate)
            {
                if (HetznerResults.RouteId(c) is not { } id || !state.NetworkMap.TryGetValue(id, out var n))
                {
                    return HetznerResults.NotFound("network", c);
                }

                Ipv4Cidr.TryParse(n.IpRange, out var range);
                if (subnet.IpRange is null && NextFreeSubnet(range, n.Subnets) is { } free)
                {
                    subnet = subnet with { IpRange = free };
                }

                if (CheckSubnet(range, n.Subnets, subnet) is { } bad)
                {
                    return bad;
                }

                state.NetworkMap[id] = n with { Subnets = [.. n.Subnets, subnet with { Gateway = Gateway(range) }] };
                var action = state.NewAction("add_subnet", ActionOutcome.Succeed, null, ("network", id));
                return CloudJson.Json(new { action = state.ToApi(action) }, 201);
            }
        });

        api.MapPost("/networks/{id}/actions/delete_subnet", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<SubnetDeleteRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            lock (state.Gate)
            {
                if (HetznerResults.RouteId(c) is not { } id || !state.NetworkMap.TryGetValue(id, out var n))
                {
                    return HetznerResults.NotFound("network", c);
                }

                if (n.Subnets.All(s => s.IpRange != request.IpRange))
                {
                    return HetznerResults.Invalid("ip_range", "no such subnet");
                }

                state.NetworkMap[id] = n with { Subnets = [.. n.Subnets.Where(s => s.IpRange != request.IpRange)] };
                var action = state.NewAction("delete_subnet", ActionOutcome.Succeed, null, ("network", id));
                return CloudJson.Json(new { action = state.ToApi(action) }, 201);
            }
        });
    }

    /// <summary>Hetzner's gateway for every subnet: the first address of the network range.</summary>
    private static string Gateway(Ipv4Cidr range) => Ipv4Cidr.Format(range.Network + 1);

    private static IResult? CheckSubnet(Ipv4Cidr range, IReadOnlyList<Subnet> existing, Subnet subnet)
    {
        if (subnet.Type is not ("cloud" or "server" or "vswitch"))
        {
            return HetznerResults.Invalid("subnets.type", "must be cloud, server or vswitch");
        }

        if (HetznerCatalog.Locations.All(l => l.NetworkZone != subnet.NetworkZone))
        {
            return HetznerResults.Invalid("subnets.network_zone", $"unknown network zone '{subnet.NetworkZone}'");
        }

        if (!Ipv4Cidr.TryParse(subnet.IpRange, out var cidr) || !range.Contains(cidr))
        {
            return HetznerResults.Invalid("subnets.ip_range", "must be a CIDR range inside the network's ip_range");
        }

        return existing.Any(e => Ipv4Cidr.TryParse(e.IpRange, out var other) && other.Overlaps(cidr))
            ? HetznerResults.Invalid("subnets.ip_range", "overlaps an existing subnet")
            : null;
    }

    private static string? NextFreeSubnet(Ipv4Cidr range, IReadOnlyList<Subnet> existing)
    {
        for (var start = range.Network; range.Contains(start) && start >= range.Network; start += 256)
        {
            var candidate = new Ipv4Cidr(start, 24);
            if (!existing.Any(e => Ipv4Cidr.TryParse(e.IpRange, out var other) && other.Overlaps(candidate)))
            {
                return candidate.ToString();
            }
        }

        return null;
    }
}
