namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary><c>/v1/placement_groups</c>: list, create (type <c>spread</c>), get, update, delete.</summary>
internal static class PlacementGroupEndpoints
{
    public static void Map(IEndpointRouteBuilder api, HetznerState state)
    {
        api.MapGet("/placement_groups", (HttpContext c) => state.Read(() =>
            HetznerResults.List(c, "placement_groups", state.PlacementGroupMap.Values.Select(state.ToApi), p => p.Id, p => p.Name, p => p.Labels)));

        api.MapPost("/placement_groups", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<PlacementGroupCreateRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            if ((HetznerValidation.Name(request.Name) ?? HetznerValidation.Labels(request.Labels)) is { } invalid)
            {
                return invalid;
            }

            if (request.Type != "spread")
            {
                return HetznerResults.Invalid("type", "must be 'spread'");
            }

            lock (state.Gate)
            {
                if (state.PlacementGroupMap.Values.Any(p => p.Name == request.Name))
                {
                    return HetznerResults.Uniqueness("name", "placement group with the same name already exists");
                }

                var group = new PlacementGroup(state.NextId(), request.Name!, request.Labels ?? [], "spread", HetznerState.Time(state.Now), []);
                state.PlacementGroupMap[group.Id] = group;
                return CloudJson.Json(new { placement_group = group, action = (HetznerAction?)null }, 201);
            }
        });

        api.MapGet("/placement_groups/{id}", (HttpContext c) => state.Read(() =>
            HetznerResults.RouteId(c) is { } id && state.PlacementGroupMap.TryGetValue(id, out var p)
                ? CloudJson.Json(new { placement_group = state.ToApi(p) })
                : HetznerResults.NotFound("placement group", c)));

        api.MapPut("/placement_groups/{id}", async (HttpContext c) =>
        {
            var body = await CloudJson.ReadAsync<UpdateRequest>(c);
            if (body.Value is not { } request)
            {
                return HetznerResults.JsonError(body.Error!);
            }

            lock (state.Gate)
            {
                if (HetznerResults.RouteId(c) is not { } id || !state.PlacementGroupMap.TryGetValue(id, out var p))
                {
                    return HetznerResults.NotFound("placement group", c);
                }

                var taken = request.Name is not null && state.PlacementGroupMap.Values.Any(x => x.Name == request.Name && x.Id != id);
                if (HetznerValidation.Update(request, taken, "placement group") is { } invalid)
                {
                    return invalid;
                }

                p = state.PlacementGroupMap[id] = p with { Name = request.Name ?? p.Name, Labels = request.Labels ?? p.Labels };
                return CloudJson.Json(new { placement_group = state.ToApi(p) });
            }
        });

        api.MapDelete("/placement_groups/{id}", (HttpContext c) =>
        {
            lock (state.Gate)
            {
                if (HetznerResults.RouteId(c) is not { } id || !state.PlacementGroupMap.Remove(id))
                {
                    return HetznerResults.NotFound("placement group", c);
                }

                foreach (var server in state.ServerMap.Values.Where(s => s.PlacementGroupId == id))
                {
                    server.PlacementGroupId = null;
                }

                return Results.NoContent();
            }
        });
    }
}
