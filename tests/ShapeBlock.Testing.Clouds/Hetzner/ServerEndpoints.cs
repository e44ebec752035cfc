using System.Text.Json.Serialization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary><c>/v1/servers</c>: list (name, label_selector, status), create, get, update, delete and the power/network/placement actions.</summary>
internal static class ServerEndpoints
{
    public static void Map(IEndpointRouteBuilder api, HetznerState state)
    {
        api.MapGet("/servers", (HttpContext c) => state.Read(() =>
        {
            var status = c.Request.Query["status"].ToHashSet();
            var servers = state.ServerMap.Values.Where(s => s.Ready).Select(state.ToApi).Where(s => status.Count == 0 || status.Contains(s.Status));
            return HetznerResults.List(c, "servers", servers, s => s.Id, s => s.Name, s => s.Labels);
        }));

        api.MapPost("/servers", Handlers.Async(c => ServerCreation.CreateAsync(c, state)));

        api.MapGet("/servers/{id}", (HttpContext c) => state.Read(() =>
            Find(c, state) is { } s ? CloudJson.Json(new { server = state.ToApi(s) }) : HetznerResults.NotFound("server", c)));

        api.MapPut("/servers/{id}", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<UpdateRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            lock (state.Gate)
            {
                if (Find(c, state) is not { } s)
                {
                    return HetznerResults.NotFound("server", c);
                }

                var taken = request.Name is not null && state.ServerMap.Values.Any(x => x.Name == request.Name && x.Id != s.Id);
                if (HetznerValidation.Update(request, taken, "server", hostname: true) is { } invalid)
                {
                    return invalid;
                }

                s.Name = request.Name ?? s.Name;
                s.Labels = request.Labels ?? s.Labels;
                s.Info = s.Info with { Name = s.Name, Labels = s.Labels };
                return CloudJson.Json(new { server = state.ToApi(s) });
            }
        });

        api.MapDelete("/servers/{id}", async (HttpContext c) =>
        {
            ServerInfo info;
            IResult answer;
            lock (state.Gate)
            {
                if (Find(c, state) is not { } s)
                {
                    return HetznerResults.NotFound("server", c);
                }

                if (s.DeleteAction is not null)
                {
                    return HetznerResults.Error(423, "locked", "server is locked: it is being deleted");
                }

                s.DeleteAction = state.NewAction("delete_server", ActionOutcome.Succeed, null, ("server", s.Id));
                info = s.Info;
                answer = CloudJson.Json(new { action = state.ToApi(s.DeleteAction) });
            }

            await NotifyDeletedAsync(state, info);
            return answer;
        });

        api.MapGet("/servers/{id}/actions", (HttpContext c) => state.Read(() =>
        {
            if (Find(c, state) is not { } s)
            {
                return HetznerResults.NotFound("server", c);
            }

            var id = s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var actions = state.ActionMap.Values.Where(a => a.Resources.Any(r => r.Type == "server" && r.Id == id)).Select(state.ToApi);
            return HetznerResults.List(c, "actions", actions, a => a.Id, a => a.Command, _ => new Dictionary<string, string>());
        }));

        api.MapPost("/servers/{id}/actions/{command}", Handlers.Async(c => ActionAsync(c, state)));
    }

    private static async Task<IResult> ActionAsync(HttpContext c, HetznerState state)
    {
        var command = c.Request.RouteValues["command"]?.ToString() ?? "";
        var needsBody = command is "attach_to_network" or "detach_from_network" or "add_to_placement_group" or "change_type";
        var body = needsBody ? await CloudJson.ReadAsync<ServerActionBody>(c) : new BodyResult<ServerActionBody>(new ServerActionBody(null, null, null), null);
        if (body.Value is not { } request)
        {
            return HetznerResults.JsonError(body.Error!);
        }

        (ServerInfo Info, bool On)? power = null;
        IResult answer;
        lock (state.Gate)
        {
            state.Sweep();
            if (Find(c, state) is not { } s)
            {
                return HetznerResults.NotFound("server", c);
            }

            if (s.ChangeTypeAction is not null)
            {
                return HetznerResults.Error(423, "locked", "server is locked: another action (change_server_type) is running");
            }

            var name = command;
            switch (command)
            {
                case "poweron":
                    s.StatusOverride = null;
                    power = (s.Info, true);
                    break;
                case "poweroff" or "shutdown":
                    s.StatusOverride = "off";
                    power = (s.Info, false);
                    break;
                case "change_type":
                    if (ServerTypeChange.Check(state, s, request) is { } refused)
                    {
                        return refused;
                    }

                    name = "change_server_type";
                    break;
                case "reboot" or "reset":
                    break;
                case "attach_to_network":
                    if (request.Network is not { } nid || !state.NetworkMap.TryGetValue(nid, out var network))
                    {
                        return HetznerResults.Invalid("network", "network not found");
                    }

                    if (s.PrivateNets.Any(p => p.Network == nid))
                    {
                        return HetznerResults.Error(422, "server_already_attached", "server is already attached to this network");
                    }

                    var (ip, error) = PrivateAddressing.Allocate(state, network, s.Location.NetworkZone, request.Ip);
                    if (ip is null)
                    {
                        return HetznerResults.Invalid("ip", error!);
                    }

                    s.PrivateNets.Add(new ServerPrivateNet(nid, ip, [], PrivateAddressing.Mac(s.Id, nid)));
                    break;
                case "detach_from_network":
                    if (s.PrivateNets.RemoveAll(p => p.Network == request.Network) == 0)
                    {
                        return HetznerResults.Error(422, "server_not_attached_to_network", "server is not attached to this network");
                    }

                    break;
                case "add_to_placement_group":
                    if (request.PlacementGroup is not { } gid || !state.PlacementGroupMap.ContainsKey(gid))
                    {
                        return HetznerResults.Invalid("placement_group", "placement group not found");
                    }

                    s.PlacementGroupId = gid;
                    break;
                case "remove_from_placement_group":
                    s.PlacementGroupId = null;
                    break;
                default:
                    return HetznerResults.Standard(404, $"server action '{command}' is not implemented by the fake");
            }

            var action = state.NewAction(name, ActionOutcome.Succeed, null, ("server", s.Id));
            if (command == "change_type")
            {
                s.ChangeTypeAction = action;
                s.PendingType = ServerTypeChange.Target(s, request);
            }

            // A type change is answered running, like the real API; the fake's other actions as they are.
            answer = CloudJson.Json(new { action = state.ToApi(action, asCreated: command == "change_type") }, 201);
        }

        // Outside the lock: the hook may start or stop the server's SSH host.
        if (power is { } p && state.Options.PowerChanged is { } hook)
        {
            await hook(p.Info, p.On, c.RequestAborted);
        }

        return answer;
    }

    private static ServerEntry? Find(HttpContext c, HetznerState state) =>
        HetznerResults.RouteId(c) is { } id && state.ServerMap.TryGetValue(id, out var s) && s.Ready ? s : null;

    private static async Task NotifyDeletedAsync(HetznerState state, ServerInfo info)
    {
        if (state.Options.ServerDeleted is not { } hook)
        {
            return;
        }

        try
        {
            await hook(info, CancellationToken.None);
        }
        catch (Exception)
        {
            // A failing test hook must not turn a successful delete into an API error.
        }
    }
}

/// <summary>Body of the server actions that take one.</summary>
internal sealed record ServerActionBody(
    [property: JsonPropertyName("network")] long? Network,
    [property: JsonPropertyName("ip")] string? Ip,
    [property: JsonPropertyName("placement_group")] long? PlacementGroup)
{
    /// <summary><c>change_type</c>: the new type, by name or id.</summary>
    [JsonPropertyName("server_type")]
    public System.Text.Json.JsonElement? ServerType { get; init; }

    /// <summary><c>change_type</c>: grow the disk to the new type's (then the type can never go down to a smaller disk).</summary>
    [JsonPropertyName("upgrade_disk")]
    public bool? UpgradeDisk { get; init; }
}
