using System.Net;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary><c>/v1/firewalls</c>: list, create, get, update, delete (refused while applied), set_rules, apply_to_resources, remove_from_resources.</summary>
internal static class FirewallEndpoints
{
    public static void Map(IEndpointRouteBuilder api, HetznerState state)
    {
        api.MapGet("/firewalls", (HttpContext c) => state.Read(() =>
            HetznerResults.List(c, "firewalls", state.FirewallMap.Values.Select(state.ToApi), f => f.Id, f => f.Name, f => f.Labels)));

        api.MapPost("/firewalls", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<FirewallCreateRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            if ((HetznerValidation.Name(request.Name) ?? HetznerValidation.Labels(request.Labels) ?? CheckRules(request.Rules ?? [])) is { } invalid)
            {
                return invalid;
            }

            lock (state.Gate)
            {
                if (state.FirewallMap.Values.Any(f => f.Name == request.Name))
                {
                    return HetznerResults.Uniqueness("name", "firewall with the same name already exists");
                }

                var applied = new List<FirewallResource>();
                if (Apply(state, applied, request.ApplyTo ?? []) is { } bad)
                {
                    return bad;
                }

                var firewall = new Firewall(state.NextId(), request.Name!, request.Labels ?? [], HetznerState.Time(state.Now), request.Rules ?? [], applied);
                state.FirewallMap[firewall.Id] = firewall;
                var actions = new List<HetznerAction> { state.ToApi(state.NewAction("set_firewall_rules", ActionOutcome.Succeed, null, ("firewall", firewall.Id))) };
                if (applied.Count > 0)
                {
                    actions.Add(state.ToApi(state.NewAction("apply_firewall", ActionOutcome.Succeed, null, ("firewall", firewall.Id))));
                }

                return CloudJson.Json(new { firewall = state.ToApi(firewall), actions }, 201);
            }
        });

        api.MapGet("/firewalls/{id}", (HttpContext c) => state.Read(() =>
            HetznerResults.RouteId(c) is { } id && state.FirewallMap.TryGetValue(id, out var f)
                ? CloudJson.Json(new { firewall = state.ToApi(f) })
                : HetznerResults.NotFound("firewall", c)));

        api.MapPut("/firewalls/{id}", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<UpdateRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            lock (state.Gate)
            {
                if (HetznerResults.RouteId(c) is not { } id || !state.FirewallMap.TryGetValue(id, out var f))
                {
                    return HetznerResults.NotFound("firewall", c);
                }

                var taken = request.Name is not null && state.FirewallMap.Values.Any(x => x.Name == request.Name && x.Id != id);
                if (HetznerValidation.Update(request, taken, "firewall") is { } invalid)
                {
                    return invalid;
                }

                f = state.FirewallMap[id] = f with { Name = request.Name ?? f.Name, Labels = request.Labels ?? f.Labels };
                return CloudJson.Json(new { firewall = state.ToApi(f) });
            }
        });

        api.MapDelete("/firewalls/{id}", (HttpContext c) =>
        {
            lock (state.Gate)
            {
                state.Sweep();
                if (HetznerResults.RouteId(c) is not { } id || !state.FirewallMap.TryGetValue(id, out var f))
                {
                    return HetznerResults.NotFound("firewall", c);
                }

                var inUse = f.AppliedTo.Any(a => a.Server is not null
                    || (a.LabelSelector is { } sel && state.ServerMap.Values.Any(s => HetznerState.Selects(sel.Selector, s.Labels))));
                if (inUse)
                {
                    return HetznerResults.Error(422, "resource_in_use", "firewall is still applied to resources; remove it from them first");
                }

                state.FirewallMap.Remove(id);
                return Results.NoContent();
            }
        });

        api.MapPost("/firewalls/{id}/actions/{command}", async (HttpContext c) =>
        {
            var command = c.Request.RouteValues["command"]?.ToString();
            var body = await CloudJson.ReadAsync<FirewallActionBody>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            lock (state.Gate)
            {
                if (HetznerResults.RouteId(c) is not { } id || !state.FirewallMap.TryGetValue(id, out var f))
                {
                    return HetznerResults.NotFound("firewall", c);
                }

                var applied = f.AppliedTo.ToList();
                IResult? error;
                switch (command)
                {
                    case "set_rules":
                        error = CheckRules(request.Rules ?? []);
                        f = f with { Rules = request.Rules ?? [] };
                        break;
                    case "apply_to_resources":
                        error = Apply(state, applied, request.ApplyTo ?? []);
                        break;
                    case "remove_from_resources":
                        error = Remove(applied, request.RemoveFrom ?? []);
                        break;
                    default:
                        return HetznerResults.Standard(404, $"unknown firewall action '{command}'");
                }

                if (error is not null)
                {
                    return error;
                }

                state.FirewallMap[id] = f with { AppliedTo = applied };
                var action = state.NewAction(command == "set_rules" ? "set_firewall_rules" : command == "apply_to_resources" ? "apply_firewall" : "remove_firewall", ActionOutcome.Succeed, null, ("firewall", id));
                return CloudJson.Json(new { actions = new[] { state.ToApi(action) } }, 201);
            }
        });
    }

    private static IResult? CheckRules(List<FirewallRule> rules)
    {
        foreach (var rule in rules)
        {
            var ports = rule.Protocol is "tcp" or "udp";
            var addresses = rule.Direction == "in" ? rule.SourceIps : rule.DestinationIps;
            var message = rule switch
            {
                { Direction: not ("in" or "out") } => "direction must be 'in' or 'out'",
                { Protocol: not ("tcp" or "udp" or "icmp" or "esp" or "gre") } => "protocol must be tcp, udp, icmp, esp or gre",
                _ when ports && string.IsNullOrEmpty(rule.Port) => "port is required for tcp and udp",
                _ when !ports && rule.Port is not null => "port is only allowed for tcp and udp",
                _ when ports && !ValidPort(rule.Port!) => $"port '{rule.Port}' must be a port, a range 'a-b' or 'any'",
                _ when addresses is null || addresses.Count == 0 => rule.Direction == "in" ? "source_ips is required" : "destination_ips is required",
                _ when addresses!.Any(a => !IPNetwork.TryParse(a, out _)) => "addresses must be CIDR ranges",
                _ => null,
            };
            if (message is not null)
            {
                return HetznerResults.Invalid("rules", message);
            }
        }

        return null;
    }

    private static bool ValidPort(string port)
    {
        static bool One(string p) => int.TryParse(p, out var n) && n is >= 1 and <= 65535;
        var range = port.Split('-');
        return port == "any" || (range.Length == 1 && One(range[0])) || (range.Length == 2 && One(range[0]) && One(range[1]));
    }

    private static IResult? Apply(HetznerState state, List<FirewallResource> applied, List<FirewallResource> targets)
    {
        foreach (var target in targets)
        {
            if (target is { Type: "server", Server: { } server })
            {
                if (!state.ServerMap.ContainsKey(server.Id))
                {
                    return HetznerResults.Error(422, "firewall_resource_not_found", $"server {server.Id} not found");
                }
            }
            else if (target is not { Type: "label_selector", LabelSelector.Selector: { Length: > 0 } })
            {
                return HetznerResults.Invalid("apply_to", "type must be server (with server.id) or label_selector (with label_selector.selector)");
            }

            if (applied.Any(a => a.Server?.Id == target.Server?.Id && a.LabelSelector?.Selector == target.LabelSelector?.Selector))
            {
                return HetznerResults.Error(422, "firewall_already_applied", "firewall is already applied to this resource");
            }

            applied.Add(new FirewallResource(target.Type) { Server = target.Server, LabelSelector = target.LabelSelector });
        }

        return null;
    }

    private static IResult? Remove(List<FirewallResource> applied, List<FirewallResource> targets)
    {
        foreach (var target in targets)
        {
            var removed = applied.RemoveAll(a => a.Server?.Id == target.Server?.Id && a.LabelSelector?.Selector == target.LabelSelector?.Selector);
            if (removed == 0)
            {
                return HetznerResults.Error(422, "firewall_already_removed", "firewall is not applied to this resource");
            }
        }

        return null;
    }
}

/// <summary>Body of the firewall actions (each uses one of the fields).</summary>
internal sealed record FirewallActionBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("rules")] List<FirewallRule>? Rules,
    [property: System.Text.Json.Serialization.JsonPropertyName("apply_to")] List<FirewallResource>? ApplyTo,
    [property: System.Text.Json.Serialization.JsonPropertyName("remove_from")] List<FirewallResource>? RemoveFrom);
