namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary><c>/v2/load_balancers</c>: list, create (<c>new</c> → <c>active</c> with an IP), get, update, delete, <c>droplets</c> and <c>forwarding_rules</c>.</summary>
internal static class LoadBalancerEndpoints
{
    public static void Map(IEndpointRouteBuilder api, DigitalOceanState state, Func<string> origin)
    {
        api.MapGet("/load_balancers", (HttpContext c) => state.Read(() =>
            DoResults.List(c, origin(), "load_balancers", state.LoadBalancerMap.Values.OrderBy(l => l.CreatedAt).Select(state.ToApi))));

        api.MapPost("/load_balancers", Handlers.Async(async c =>
        {
            var body = await CloudJson.ReadAsync<LoadBalancerRequest>(c);
            if (body.Value is not { } request)
            {
                return DoResults.BadRequest(body.Error!);
            }

            lock (state.Gate)
            {
                if (Check(state, request) is { } invalid)
                {
                    return invalid;
                }

                var region = DoCatalog.Regions.First(r => r.Slug == request.Region);
                var vpc = request.VpcUuid ?? state.DefaultVpc(region.Slug).Id;
                var lb = new LoadBalancer(
                    Guid.NewGuid().ToString(), request.Name!, "", "new", DigitalOceanState.Time(state.Now), request.Algorithm ?? "round_robin",
                    request.ForwardingRules!, request.HealthCheck ?? new LbHealthCheck("tcp", request.ForwardingRules![0].TargetPort, "", 10, 5, 5, 3),
                    region, request.Tag ?? "", [.. request.DropletIds ?? []], vpc, request.SizeUnit ?? 1, request.EnableProxyProtocol ?? false);
                var ip = $"198.51.100.{(state.LoadBalancerMap.Count % 250) + 1}";
                var entry = state.LoadBalancerMap[lb.Id] = new LoadBalancerEntry(lb, state.Now, ip);
                return CloudJson.Json(new { load_balancer = state.ToApi(entry, asCreated: true) }, 202);
            }
        }));

        api.MapGet("/load_balancers/{id}", (HttpContext c) => state.Read(() =>
            state.LoadBalancerMap.TryGetValue(DoResults.RouteValue(c) ?? "", out var l) ? CloudJson.Json(new { load_balancer = state.ToApi(l) }) : DoResults.NotFound()));

        api.MapPut("/load_balancers/{id}", Handlers.Async(async c =>
        {
            var body = await CloudJson.ReadAsync<LoadBalancerRequest>(c);
            if (body.Value is not { } request)
            {
                return DoResults.BadRequest(body.Error!);
            }

            lock (state.Gate)
            {
                if (!state.LoadBalancerMap.TryGetValue(DoResults.RouteValue(c) ?? "", out var l))
                {
                    return DoResults.NotFound();
                }

                if (Check(state, request) is { } invalid)
                {
                    return invalid;
                }

                var record = l.Record with
                {
                    Name = request.Name!, ForwardingRules = request.ForwardingRules!, HealthCheck = request.HealthCheck ?? l.Record.HealthCheck,
                    Tag = request.Tag ?? "", DropletIds = [.. request.DropletIds ?? []], EnableProxyProtocol = request.EnableProxyProtocol ?? false,
                };
                l = state.LoadBalancerMap[record.Id] = l with { Record = record };
                return CloudJson.Json(new { load_balancer = state.ToApi(l) });
            }
        }));

        api.MapDelete("/load_balancers/{id}", (HttpContext c) =>
        {
            lock (state.Gate)
            {
                return state.LoadBalancerMap.Remove(DoResults.RouteValue(c) ?? "") ? Results.NoContent() : DoResults.NotFound();
            }
        });

        foreach (var member in new[] { "droplets", "forwarding_rules" })
        {
            api.MapMethods($"/load_balancers/{{id}}/{member}", ["POST", "DELETE"], Handlers.Async(async c =>
            {
                var body = await CloudJson.ReadAsync<MembersRequest>(c);
                if (body.Value is not { } request)
                {
                    return DoResults.BadRequest(body.Error!);
                }

                var add = c.Request.Method == "POST";
                lock (state.Gate)
                {
                    if (!state.LoadBalancerMap.TryGetValue(DoResults.RouteValue(c) ?? "", out var l))
                    {
                        return DoResults.NotFound();
                    }

                    var r = l.Record;
                    if (member == "droplets")
                    {
                        if (r.Tag.Length > 0)
                        {
                            return DoResults.Unprocessable("droplet_ids can not be used on a load balancer that targets a tag");
                        }

                        if ((request.DropletIds ?? []).FirstOrDefault(id => !state.DropletMap.ContainsKey(id)) is > 0 and var missing)
                        {
                            return DoResults.Unprocessable($"droplet {missing} does not exist");
                        }

                        r = r with { DropletIds = add ? [.. r.DropletIds.Union(request.DropletIds ?? [])] : [.. r.DropletIds.Except(request.DropletIds ?? [])] };
                    }
                    else
                    {
                        r = r with { ForwardingRules = add ? [.. r.ForwardingRules, .. request.ForwardingRules ?? []] : [.. r.ForwardingRules.Except(request.ForwardingRules ?? [])] };
                    }

                    state.LoadBalancerMap[r.Id] = l with { Record = r };
                    return Results.NoContent();
                }
            }));
        }
    }

    private static IResult? Check(DigitalOceanState state, LoadBalancerRequest request)
    {
        if (DoValidation.Name(request.Name) is { } invalid)
        {
            return invalid;
        }

        var message = request switch
        {
            _ when DoCatalog.Regions.All(r => r.Slug != request.Region) => "region is invalid",
            { ForwardingRules: null or { Count: 0 } } => "at least one forwarding rule is required",
            _ when request.ForwardingRules!.Any(f => f.EntryProtocol is not ("tcp" or "udp" or "http" or "https" or "http2" or "http3")
                || f.EntryPort is < 1 or > 65535 || f.TargetPort is < 1 or > 65535) => "forwarding rules need a valid protocol, entry_port and target_port",
            { Tag.Length: > 0, DropletIds.Count: > 0 } => "tag and droplet_ids are mutually exclusive",
            { Tag: { Length: > 0 } tag } when !DoValidation.IsTag(tag) => $"tag '{tag}' is invalid",
            _ when (request.DropletIds ?? []).Any(id => !state.DropletMap.ContainsKey(id)) => "one of droplet_ids does not exist",
            _ when request.VpcUuid is { } vpc && (!state.VpcMap.TryGetValue(vpc, out var v) || v.Region != request.Region) => "vpc_uuid must be a VPC in the same region",
            _ => null,
        };
        return message is null ? null : DoResults.Unprocessable(message);
    }
}
