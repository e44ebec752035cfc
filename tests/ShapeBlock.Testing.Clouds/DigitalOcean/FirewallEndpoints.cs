using System.Net;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary><c>/v2/firewalls</c>: list, create, get, update, delete and the <c>droplets</c>, <c>tags</c> and <c>rules</c> sub-resources.</summary>
internal static class FirewallEndpoints
{
    public static void Map(IEndpointRouteBuilder api, DigitalOceanState state, Func<string> origin)
    {
        api.MapGet("/firewalls", (HttpContext c) => state.Read(() =>
            DoResults.List(c, origin(), "firewalls", state.FirewallMap.Values.OrderBy(f => f.Record.CreatedAt, StringComparer.Ordinal).Select(state.ToApi))));

        api.MapPost("/firewalls", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<FirewallRequest>(c);
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

                var firewall = new Firewall(Guid.NewGuid().ToString(), request.Name!, "waiting", request.InboundRules ?? [], request.OutboundRules ?? [],
                    DigitalOceanState.Time(state.Now), [.. (request.DropletIds ?? []).Distinct()], [.. (request.Tags ?? []).Distinct()], []);
                var entry = state.FirewallMap[firewall.Id] = new FirewallEntry(firewall, state.Now);
                return CloudJson.Json(new { firewall = state.ToApi(entry, asChanged: true) }, 202);
            }
        });

        api.MapGet("/firewalls/{id}", (HttpContext c) => state.Read(() =>
            state.FirewallMap.TryGetValue(DoResults.RouteValue(c) ?? "", out var f) ? CloudJson.Json(new { firewall = state.ToApi(f) }) : DoResults.NotFound()));

        api.MapPut("/firewalls/{id}", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<FirewallRequest>(c);
            if (body.Value is not { } request)
            {
                return DoResults.BadRequest(body.Error!);
            }

            lock (state.Gate)
            {
                if (!state.FirewallMap.TryGetValue(DoResults.RouteValue(c) ?? "", out var f))
                {
                    return DoResults.NotFound();
                }

                if (Check(state, request) is { } invalid)
                {
                    return invalid;
                }

                // PUT replaces the whole firewall, like the real API.
                var record = f.Record with
                {
                    Name = request.Name!, InboundRules = request.InboundRules ?? [], OutboundRules = request.OutboundRules ?? [],
                    DropletIds = [.. (request.DropletIds ?? []).Distinct()], Tags = [.. (request.Tags ?? []).Distinct()],
                };
                var entry = state.FirewallMap[record.Id] = new FirewallEntry(record, state.Now);
                return CloudJson.Json(new { firewall = state.ToApi(entry) });
            }
        });

        api.MapDelete("/firewalls/{id}", (HttpContext c) =>
        {
            lock (state.Gate)
            {
                return state.FirewallMap.Remove(DoResults.RouteValue(c) ?? "") ? Results.NoContent() : DoResults.NotFound();
            }
        });

        foreach (var member in new[] { "droplets", "tags", "rules" })
        {
            api.MapMethods($"/firewalls/{{id}}/{member}", ["POST", "DELETE"], Handlers.Async(c => MembersAsync(c, state, member)));
        }
    }

    private static async Task<IResult> MembersAsync(HttpContext c, DigitalOceanState state, string member)
    {
        var body = await CloudJson.ReadAsync<MembersRequest>(c);
        if (body.Value is not { } request)
        {
            return DoResults.BadRequest(body.Error!);
        }

        var add = c.Request.Method == "POST";
        lock (state.Gate)
        {
            if (!state.FirewallMap.TryGetValue(DoResults.RouteValue(c) ?? "", out var f))
            {
                return DoResults.NotFound();
            }

            var r = f.Record;
            switch (member)
            {
                case "droplets":
                    if ((request.DropletIds ?? []).FirstOrDefault(id => !state.DropletMap.ContainsKey(id)) is > 0 and var missing)
                    {
                        return DoResults.Unprocessable($"droplet {missing} does not exist");
                    }

                    r = r with { DropletIds = add ? [.. r.DropletIds.Union(request.DropletIds ?? [])] : [.. r.DropletIds.Except(request.DropletIds ?? [])] };
                    break;
                case "tags":
                    if (DoValidation.Tags(request.Tags) is { } badTag)
                    {
                        return badTag;
                    }

                    r = r with { Tags = add ? [.. r.Tags.Union(request.Tags ?? [])] : [.. r.Tags.Except(request.Tags ?? [])] };
                    break;
                default:
                    if (CheckRules(request.InboundRules, request.OutboundRules) is { } badRule)
                    {
                        return badRule;
                    }

                    r = add
                        ? r with { InboundRules = [.. r.InboundRules, .. request.InboundRules ?? []], OutboundRules = [.. r.OutboundRules, .. request.OutboundRules ?? []] }
                        : r with { InboundRules = [.. r.InboundRules.Except(request.InboundRules ?? [], RuleComparer.Inbound)], OutboundRules = [.. r.OutboundRules.Except(request.OutboundRules ?? [], RuleComparer.Outbound)] };
                    break;
            }

            state.FirewallMap[r.Id] = new FirewallEntry(r, state.Now);
            return Results.NoContent();
        }
    }

    private static IResult? Check(DigitalOceanState state, FirewallRequest request)
    {
        if ((DoValidation.Name(request.Name) ?? DoValidation.Tags(request.Tags) ?? CheckRules(request.InboundRules, request.OutboundRules)) is { } invalid)
        {
            return invalid;
        }

        return (request.DropletIds ?? []).FirstOrDefault(id => !state.DropletMap.ContainsKey(id)) is > 0 and var missing
            ? DoResults.Unprocessable($"droplet {missing} does not exist")
            : null;
    }

    private static IResult? CheckRules(List<InboundRule>? inbound, List<OutboundRule>? outbound)
    {
        var rules = (inbound ?? []).Select(r => (r.Protocol, r.Ports, Targets: r.Sources))
            .Concat((outbound ?? []).Select(r => (r.Protocol, r.Ports, Targets: r.Destinations)));
        foreach (var (protocol, ports, targets) in rules)
        {
            var message = protocol switch
            {
                not ("tcp" or "udp" or "icmp") => "protocol must be tcp, udp or icmp",
                "tcp" or "udp" when !ValidPorts(ports) => $"ports '{ports}' must be a port, a range 'a-b', 'all' or '0'",
                _ when targets is null || (targets.Addresses?.Count ?? 0) + (targets.Tags?.Count ?? 0) + (targets.DropletIds?.Count ?? 0) + (targets.LoadBalancerUids?.Count ?? 0) == 0
                    => "each rule needs at least one source/destination",
                _ when (targets.Addresses ?? []).Any(a => !IPNetwork.TryParse(a, out _) && !IPAddress.TryParse(a, out _)) => "addresses must be IPs or CIDR ranges",
                _ => DoValidation.Tags(targets.Tags) is null ? null : "rule tags are invalid",
            };
            if (message is not null)
            {
                return DoResults.Unprocessable(message);
            }
        }

        return null;
    }

    private static bool ValidPorts(string? ports)
    {
        static bool One(string p) => int.TryParse(p, out var n) && n is >= 1 and <= 65535;
        var range = (ports ?? "").Split('-');
        return ports is "all" or "0" || (range.Length == 1 && One(range[0])) || (range.Length == 2 && One(range[0]) && One(range[1]));
    }

    /// <summary>Rules compare by protocol, ports and targets (the lists compare by content).</summary>
    private static class RuleComparer
    {
        public static IEqualityComparer<InboundRule> Inbound { get; } = EqualityComparer<InboundRule>.Create((a, b) => Key(a?.Protocol, a?.Ports, a?.Sources) == Key(b?.Protocol, b?.Ports, b?.Sources), r => Key(r.Protocol, r.Ports, r.Sources).GetHashCode(StringComparison.Ordinal));

        public static IEqualityComparer<OutboundRule> Outbound { get; } = EqualityComparer<OutboundRule>.Create((a, b) => Key(a?.Protocol, a?.Ports, a?.Destinations) == Key(b?.Protocol, b?.Ports, b?.Destinations), r => Key(r.Protocol, r.Ports, r.Destinations).GetHashCode(StringComparison.Ordinal));

        private static string Key(string? protocol, string? ports, FirewallTargets? t) =>
            $"{protocol}|{ports}|{string.Join(',', t?.Addresses ?? [])}|{string.Join(',', t?.Tags ?? [])}|{string.Join(',', t?.DropletIds ?? [])}|{string.Join(',', t?.LoadBalancerUids ?? [])}";
    }
}
