using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary><c>POST /v1/load_balancers/{id}/actions/…</c>: add_target, remove_target, add_service, delete_service, attach_to_network, detach_from_network, change_algorithm.</summary>
internal static class LoadBalancerActions
{
    public static async Task<IResult> RunAsync(HttpContext c, HetznerState state)
    {
        var command = c.Request.RouteValues["command"]?.ToString() ?? "";
        var body = await CloudJson.ReadAsync<LoadBalancerActionBody>(c);
        if (body.Value is not { } request)
        {
            return HetznerResults.JsonError(body.Error!);
        }

        lock (state.Gate)
        {
            state.Sweep();
            if (HetznerResults.RouteId(c) is not { } id || !state.LoadBalancerMap.TryGetValue(id, out var lb))
            {
                return HetznerResults.NotFound("load balancer", c);
            }

            IResult? error = null;
            switch (command)
            {
                case "add_target":
                    (var target, error) = LoadBalancerRules.Target(state, new TargetRequest(request.Type, request.Server, request.LabelSelector, request.Ip, request.UsePrivateIp), lb);
                    lb = target is null ? lb : lb with { Targets = [.. lb.Targets, target] };
                    break;
                case "remove_target":
                    var kept = lb.Targets.Where(t => !(t.Type == request.Type && t.Server?.Id == request.Server?.Id
                        && t.LabelSelector?.Selector == request.LabelSelector?.Selector && t.Ip?.Ip == request.Ip?.Ip)).ToList();
                    error = kept.Count == lb.Targets.Count ? HetznerResults.Error(422, "load_balancer_target_not_found", "no such target") : null;
                    lb = lb with { Targets = kept };
                    break;
                case "add_service":
                    (var service, error) = LoadBalancerRules.Service(
                        new ServiceRequest(request.Protocol, request.ListenPort, request.DestinationPort, request.Proxyprotocol, request.HealthCheck), lb.Services);
                    lb = service is null ? lb : lb with { Services = [.. lb.Services, service] };
                    break;
                case "delete_service":
                    error = lb.Services.Any(s => s.ListenPort == request.ListenPort) ? null : HetznerResults.Error(422, "load_balancer_service_not_found", "no such service");
                    lb = lb with { Services = [.. lb.Services.Where(s => s.ListenPort != request.ListenPort)] };
                    break;
                case "attach_to_network":
                    if (request.Network is not { } nid || !state.NetworkMap.TryGetValue(nid, out var network))
                    {
                        return HetznerResults.Invalid("network", "network not found");
                    }

                    if (lb.PrivateNet.Any(p => p.Network == nid))
                    {
                        return HetznerResults.Error(422, "load_balancer_already_attached", "already attached to this network");
                    }

                    var (ip, why) = PrivateAddressing.Allocate(state, network, lb.Location.NetworkZone, request.IpAddress);
                    error = ip is null ? HetznerResults.Invalid("ip", why!) : null;
                    lb = ip is null ? lb : lb with { PrivateNet = [.. lb.PrivateNet, new LoadBalancerPrivateNet(nid, ip)] };
                    break;
                case "detach_from_network":
                    lb = lb with { PrivateNet = [.. lb.PrivateNet.Where(p => p.Network != request.Network)] };
                    break;
                case "change_algorithm":
                    error = request.AlgorithmType is "round_robin" or "least_connections" ? null : HetznerResults.Invalid("type", "unknown algorithm");
                    lb = lb with { Algorithm = new LoadBalancerAlgorithm(request.AlgorithmType ?? lb.Algorithm.Type) };
                    break;
                default:
                    return HetznerResults.Standard(404, $"load balancer action '{command}' is not implemented by the fake");
            }

            if (error is not null)
            {
                return error;
            }

            state.LoadBalancerMap[id] = lb;
            var action = state.NewAction(command, ActionOutcome.Succeed, null, ("load_balancer", id));
            return CloudJson.Json(new { action = state.ToApi(action) }, 201);
        }
    }
}

/// <summary>Union of the load balancer action bodies. For <c>attach_to_network</c> the <c>ip</c> field is a string, for targets an object.</summary>
internal sealed record LoadBalancerActionBody(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("server")] IdReference? Server,
    [property: JsonPropertyName("label_selector")] SelectorReference? LabelSelector,
    [property: JsonPropertyName("ip")] System.Text.Json.JsonElement? RawIp,
    [property: JsonPropertyName("use_private_ip")] bool? UsePrivateIp,
    [property: JsonPropertyName("protocol")] string? Protocol,
    [property: JsonPropertyName("listen_port")] int? ListenPort,
    [property: JsonPropertyName("destination_port")] int? DestinationPort,
    [property: JsonPropertyName("proxyprotocol")] bool? Proxyprotocol,
    [property: JsonPropertyName("health_check")] HealthCheckRequest? HealthCheck,
    [property: JsonPropertyName("network")] long? Network)
{
    public IpReference? Ip => RawIp is { ValueKind: System.Text.Json.JsonValueKind.Object } o && o.TryGetProperty("ip", out var v) ? new IpReference(v.GetString() ?? "") : null;

    public string? IpAddress => RawIp is { ValueKind: System.Text.Json.JsonValueKind.String } s ? s.GetString() : null;

    public string? AlgorithmType => Type;
}
