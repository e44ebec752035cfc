namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary><c>/v2/droplets</c>: list (tag_name or name), create, get, delete by id or by tag, and droplet actions.</summary>
internal static class DropletEndpoints
{
    public static void Map(IEndpointRouteBuilder api, DigitalOceanState state, Func<string> origin)
    {
        api.MapGet("/droplets", (HttpContext c) => state.Read(() =>
        {
            var tag = c.Request.Query["tag_name"].ToString();
            var name = c.Request.Query["name"].ToString();
            if (tag.Length > 0 && name.Length > 0)
            {
                return DoResults.Unprocessable("tag_name can not be combined with name");
            }

            var droplets = state.DropletMap.Values.OrderBy(d => d.Id)
                .Where(d => (tag.Length == 0 || d.Tags.Contains(tag)) && (name.Length == 0 || string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)));
            return DoResults.List(c, origin(), "droplets", droplets.Select(state.ToApi));
        }));

        api.MapPost("/droplets", Handlers.Async(c => DropletCreation.CreateAsync(c, state, origin())));

        api.MapGet("/droplets/{id}", (HttpContext c) => state.Read(() =>
            DoResults.RouteLong(c) is { } id && state.DropletMap.TryGetValue(id, out var d) ? CloudJson.Json(new { droplet = state.ToApi(d) }) : DoResults.NotFound()));

        api.MapDelete("/droplets/{id}", Handlers.Async(async c =>
        {
            DropletEntry? gone;
            lock (state.Gate)
            {
                gone = DoResults.RouteLong(c) is { } id && state.DropletMap.TryGetValue(id, out var d) ? d : null;
                if (gone is not null)
                {
                    Remove(state, [gone]);
                }
            }

            if (gone is null)
            {
                return DoResults.NotFound();
            }

            await NotifyDeletedAsync(state, [gone]);
            return Results.NoContent();
        }));

        api.MapDelete("/droplets", Handlers.Async(async c =>
        {
            var tag = c.Request.Query["tag_name"].ToString();
            if (tag.Length == 0)
            {
                return DoResults.Unprocessable("tag_name is required to delete droplets by tag");
            }

            List<DropletEntry> gone;
            lock (state.Gate)
            {
                gone = [.. state.DropletMap.Values.Where(d => d.Tags.Contains(tag))];
                Remove(state, gone);
            }

            await NotifyDeletedAsync(state, gone);
            return Results.NoContent();
        }));

        api.MapGet("/droplets/{id}/actions", (HttpContext c) => state.Read(() =>
            DoResults.RouteLong(c) is { } id && state.DropletMap.ContainsKey(id)
                ? DoResults.List(c, origin(), "actions", state.ActionMap.Values.Where(a => a.ResourceId == id).OrderBy(a => a.Action.Id).Select(state.ToApi))
                : DoResults.NotFound()));

        api.MapPost("/droplets/{id}/actions", Handlers.Async(async c =>
        {
            var body = await CloudJson.ReadAsync<DropletActionRequest>(c);
            if (body.Value is not { } request)
            {
                return DoResults.BadRequest(body.Error!);
            }

            (ServerInfo Info, bool On)? power = null;
            IResult answer;
            lock (state.Gate)
            {
                state.Settle();
                if (DoResults.RouteLong(c) is not { } id || !state.DropletMap.TryGetValue(id, out var d))
                {
                    return DoResults.NotFound();
                }

                if (d.Resize is not null)
                {
                    return DoResults.Unprocessable("Droplet already has a pending event.");
                }

                Size? target = null;
                switch (request.Type)
                {
                    case "power_off" or "shutdown":
                        d.StatusOverride = "off";
                        power = (d.Info, false);
                        break;
                    case "power_on":
                        d.StatusOverride = null;
                        power = (d.Info, true);
                        break;
                    case "reboot" or "power_cycle":
                        break;
                    case "resize":
                        target = DoCatalog.Sizes.FirstOrDefault(s => s.Slug == request.Size);
                        var disk = d.DiskGb ?? d.Size.Disk;
                        if (target is null)
                        {
                            return DoResults.Unprocessable($"{request.Size} is not a valid size");
                        }

                        if (state.StatusOf(d) != "off")
                        {
                            return DoResults.Unprocessable("Droplet is currently on. Please power it off to run this event.");
                        }

                        if (target.Disk < disk)
                        {
                            return DoResults.Unprocessable($"This size has a {target.Disk} GB disk; the droplet's disk is {disk} GB and cannot shrink.");
                        }

                        break;
                    default:
                        return DoResults.Unprocessable($"droplet action type '{request.Type}' is not supported by the fake");
                }

                var action = state.NewAction(request.Type, ActionOutcome.Succeed, id, d.Region.Slug);
                if (target is not null)
                {
                    d.Resize = (action, target, request.Disk == true ? target.Disk : d.DiskGb ?? d.Size.Disk);
                }

                answer = CloudJson.Json(new { action = state.ToApi(action) }, 201);
            }

            // Outside the lock: the hook may start or stop the droplet's SSH host.
            if (power is { } p && state.Options.PowerChanged is { } hook)
            {
                await hook(p.Info, p.On, c.RequestAborted);
            }

            return answer;
        }));
    }

    /// <summary>Removes droplets and every reference to them (firewalls, load balancers), like the real API.</summary>
    private static void Remove(DigitalOceanState state, IReadOnlyCollection<DropletEntry> droplets)
    {
        var ids = droplets.Select(d => d.Id).ToHashSet();
        foreach (var id in ids)
        {
            state.DropletMap.Remove(id);
        }

        foreach (var f in state.FirewallMap.Values.ToList())
        {
            state.FirewallMap[f.Record.Id] = f with { Record = f.Record with { DropletIds = [.. f.Record.DropletIds.Where(id => !ids.Contains(id))] } };
        }

        foreach (var l in state.LoadBalancerMap.Values.ToList())
        {
            state.LoadBalancerMap[l.Record.Id] = l with { Record = l.Record with { DropletIds = [.. l.Record.DropletIds.Where(id => !ids.Contains(id))] } };
        }
    }

    private static async Task NotifyDeletedAsync(DigitalOceanState state, IEnumerable<DropletEntry> droplets)
    {
        if (state.Options.ServerDeleted is not { } hook)
        {
            return;
        }

        foreach (var droplet in droplets)
        {
            try
            {
                await hook(droplet.Info, CancellationToken.None);
            }
            catch (Exception)
            {
                // A failing test hook must not turn a successful delete into an API error.
            }
        }
    }
}
