namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary><c>/v2/tags</c>: list, create (idempotent), get, delete (untags everything), tag/untag resources.</summary>
internal static class TagEndpoints
{
    public static void Map(IEndpointRouteBuilder api, DigitalOceanState state, Func<string> origin)
    {
        api.MapGet("/tags", (HttpContext c) => state.Read(() =>
            DoResults.List(c, origin(), "tags", state.TagSet.Order(StringComparer.Ordinal).Select(state.ToApi))));

        api.MapPost("/tags", Handlers.Async(async c =>
        {
            var body = await CloudJson.ReadAsync<TagRequest>(c);
            if (body.Value is not { } request)
            {
                return DoResults.BadRequest(body.Error!);
            }

            if (request.Name is null || DoValidation.Tags([request.Name]) is not null)
            {
                return DoValidation.Tags([request.Name ?? ""])!;
            }

            lock (state.Gate)
            {
                state.TagSet.Add(request.Name);
                return CloudJson.Json(new { tag = state.ToApi(request.Name) }, 201);
            }
        }));

        api.MapGet("/tags/{id}", (HttpContext c) => state.Read(() =>
            state.TagSet.Contains(DoResults.RouteValue(c) ?? "") ? CloudJson.Json(new { tag = state.ToApi(DoResults.RouteValue(c)!) }) : DoResults.NotFound()));

        api.MapDelete("/tags/{id}", (HttpContext c) =>
        {
            lock (state.Gate)
            {
                var name = DoResults.RouteValue(c) ?? "";
                if (!state.TagSet.Remove(name))
                {
                    return DoResults.NotFound();
                }

                foreach (var droplet in state.DropletMap.Values)
                {
                    droplet.Tags.Remove(name);
                }

                return Results.NoContent();
            }
        });

        api.MapMethods("/tags/{id}/resources", ["POST", "DELETE"], Handlers.Async(async c =>
        {
            var body = await CloudJson.ReadAsync<MembersRequest>(c);
            if (body.Value is not { } request)
            {
                return DoResults.BadRequest(body.Error!);
            }

            lock (state.Gate)
            {
                var name = DoResults.RouteValue(c) ?? "";
                if (!state.TagSet.Contains(name))
                {
                    return DoResults.NotFound();
                }

                var droplets = new List<DropletEntry>();
                foreach (var resource in request.Resources ?? [])
                {
                    if (resource.ResourceType != "droplet" || !long.TryParse(resource.ResourceId, out var id) || !state.DropletMap.TryGetValue(id, out var d))
                    {
                        return DoResults.Unprocessable($"resource {resource.ResourceType}:{resource.ResourceId} does not exist or is not supported by the fake");
                    }

                    droplets.Add(d);
                }

                foreach (var d in droplets)
                {
                    if (c.Request.Method == "DELETE")
                    {
                        d.Tags.Remove(name);
                    }
                    else if (!d.Tags.Contains(name))
                    {
                        d.Tags.Add(name);
                    }

                    d.Info = d.Info with { Tags = [.. d.Tags] };
                }

                return Results.NoContent();
            }
        }));
    }
}
