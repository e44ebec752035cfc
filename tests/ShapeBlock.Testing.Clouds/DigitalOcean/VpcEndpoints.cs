namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary><c>/v2/vpcs</c>: list, create (unique name, non-overlapping RFC 1918 range), get, update, delete (refused with members).</summary>
internal static class VpcEndpoints
{
    public static void Map(IEndpointRouteBuilder api, DigitalOceanState state, Func<string> origin)
    {
        api.MapGet("/vpcs", (HttpContext c) => state.Read(() =>
            DoResults.List(c, origin(), "vpcs", state.VpcMap.Values.OrderBy(v => v.CreatedAt, StringComparer.Ordinal))));

        api.MapPost("/vpcs", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<VpcRequest>(c);
            if (body.Value is not { } request)
            {
                return DoResults.BadRequest(body.Error!);
            }

            if (DoValidation.Name(request.Name) is { } invalid)
            {
                return invalid;
            }

            if (!DoCatalog.RegionSlugs.Contains(request.Region ?? ""))
            {
                return DoResults.Unprocessable("region is invalid");
            }

            lock (state.Gate)
            {
                if (state.VpcMap.Values.Any(v => v.Name == request.Name))
                {
                    return DoResults.Unprocessable("a VPC with this name already exists");
                }

                var ipRange = request.IpRange ?? FreeRange(state);
                if (!Ipv4Cidr.TryParse(ipRange, out var range) || !range.IsPrivate || range.Prefix is < 16 or > 24)
                {
                    return DoResults.Unprocessable("ip_range must be an RFC 1918 range between /16 and /24");
                }

                if (state.VpcMap.Values.Any(v => Ipv4Cidr.TryParse(v.IpRange, out var other) && other.Overlaps(range)))
                {
                    return DoResults.Unprocessable("ip_range overlaps the range of another VPC");
                }

                var id = Guid.NewGuid().ToString();
                var vpc = new Vpc(id, "do:vpc:" + id, request.Name!, request.Description ?? "", request.Region!, range.ToString(), false, DigitalOceanState.Time(state.Now));
                state.VpcMap[id] = vpc;
                return CloudJson.Json(new { vpc }, 201);
            }
        });

        api.MapGet("/vpcs/{id}", (HttpContext c) => state.Read(() =>
            state.VpcMap.TryGetValue(DoResults.RouteValue(c) ?? "", out var vpc) ? CloudJson.Json(new { vpc }) : DoResults.NotFound()));

        foreach (var method in new[] { "PUT", "PATCH" })
        {
            api.MapMethods("/vpcs/{id}", [method], Handlers.Async(async c =>
            {
                var body = await CloudJson.ReadAsync<VpcRequest>(c);
                if (body.Value is not { } request)
                {
                    return DoResults.BadRequest(body.Error!);
                }

                lock (state.Gate)
                {
                    if (!state.VpcMap.TryGetValue(DoResults.RouteValue(c) ?? "", out var vpc))
                    {
                        return DoResults.NotFound();
                    }

                    if (request.Name is not null && state.VpcMap.Values.Any(v => v.Name == request.Name && v.Id != vpc.Id))
                    {
                        return DoResults.Unprocessable("a VPC with this name already exists");
                    }

                    vpc = state.VpcMap[vpc.Id] = vpc with { Name = request.Name ?? vpc.Name, Description = request.Description ?? vpc.Description };
                    return CloudJson.Json(new { vpc });
                }
            }));
        }

        api.MapDelete("/vpcs/{id}", (HttpContext c) =>
        {
            lock (state.Gate)
            {
                if (!state.VpcMap.TryGetValue(DoResults.RouteValue(c) ?? "", out var vpc))
                {
                    return DoResults.NotFound();
                }

                if (vpc.Default || state.DropletMap.Values.Any(d => d.VpcUuid == vpc.Id) || state.LoadBalancerMap.Values.Any(l => l.Record.VpcUuid == vpc.Id))
                {
                    return DoResults.Error(403, "forbidden", "Can not delete a default VPC or a VPC with members.");
                }

                state.VpcMap.Remove(vpc.Id);
                return Results.NoContent();
            }
        });
    }

    private static string FreeRange(DigitalOceanState state)
    {
        for (var second = 120; second < 250; second++)
        {
            Ipv4Cidr.TryParse($"10.{second}.0.0/20", out var candidate);
            if (!state.VpcMap.Values.Any(v => Ipv4Cidr.TryParse(v.IpRange, out var other) && other.Overlaps(candidate)))
            {
                return candidate.ToString();
            }
        }

        return "10.250.0.0/20";
    }
}
