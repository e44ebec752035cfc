namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>Builds and checks load balancer services and targets the way the real API does.</summary>
internal static class LoadBalancerRules
{
    public static (LoadBalancerService? Service, IResult? Error) Service(ServiceRequest request, IReadOnlyList<LoadBalancerService> existing)
    {
        if (request.Protocol is not ("tcp" or "http" or "https"))
        {
            return (null, HetznerResults.Invalid("services.protocol", "must be tcp, http or https"));
        }

        var listen = request.ListenPort ?? (request.Protocol == "https" ? 443 : request.Protocol == "http" ? 80 : (int?)null);
        var destination = request.DestinationPort ?? (request.Protocol == "tcp" ? null : 80);
        if (listen is not (>= 1 and <= 65535) || destination is not (>= 1 and <= 65535))
        {
            return (null, HetznerResults.Invalid("services.listen_port", "listen_port and destination_port are required for tcp services (1-65535)"));
        }

        if (existing.Any(s => s.ListenPort == listen))
        {
            return (null, HetznerResults.Error(409, "source_port_already_used", $"listen port {listen} is already used by another service"));
        }

        var check = request.HealthCheck;
        var health = new HealthCheck(check?.Protocol ?? "tcp", check?.Port ?? destination.Value, check?.Interval ?? 15, check?.Timeout ?? 10, check?.Retries ?? 3);
        return (new LoadBalancerService(request.Protocol, listen.Value, destination.Value, request.Proxyprotocol ?? false, health), null);
    }

    public static (LoadBalancerTarget? Target, IResult? Error) Target(HetznerState state, TargetRequest request, LoadBalancer lb)
    {
        var usePrivate = request.UsePrivateIp ?? false;
        if (usePrivate && lb.PrivateNet.Count == 0)
        {
            return (null, HetznerResults.Error(422, "load_balancer_not_attached_to_network", "use_private_ip needs the load balancer attached to a network"));
        }

        LoadBalancerTarget target;
        switch (request.Type)
        {
            case "server" when request.Server is { } server:
                if (!state.ServerMap.TryGetValue(server.Id, out var entry))
                {
                    return (null, HetznerResults.Invalid("server", $"server {server.Id} not found"));
                }

                if (usePrivate && !entry.PrivateNets.Any(p => lb.PrivateNet.Any(n => n.Network == p.Network)))
                {
                    return (null, HetznerResults.Error(422, "target_server_not_attached_to_network", "the server is not in the load balancer's network"));
                }

                target = new LoadBalancerTarget("server", usePrivate) { Server = server };
                break;
            case "label_selector" when request.LabelSelector is { Selector.Length: > 0 } selector:
                try
                {
                    LabelSelector.Parse(selector.Selector);
                }
                catch (FormatException e)
                {
                    return (null, HetznerResults.Invalid("label_selector", e.Message));
                }

                target = new LoadBalancerTarget("label_selector", usePrivate) { LabelSelector = selector };
                break;
            case "ip" when request.Ip is { } ip:
                target = new LoadBalancerTarget("ip", false) { Ip = ip };
                break;
            default:
                return (null, HetznerResults.Invalid("type", "target type must be server, label_selector or ip with its matching field"));
        }

        var duplicate = lb.Targets.Any(t => t.Type == target.Type && t.Server?.Id == target.Server?.Id
            && t.LabelSelector?.Selector == target.LabelSelector?.Selector && t.Ip?.Ip == target.Ip?.Ip);
        return duplicate ? (null, HetznerResults.Error(422, "target_already_defined", "the target is already defined")) : (target, null);
    }
}
