namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary><c>/v2/actions</c> and <c>/v2/actions/{id}</c>, plus the read-only <c>/v2/sizes</c>, <c>/v2/regions</c>, <c>/v2/images</c>.</summary>
internal static class ActionEndpoints
{
    public static void Map(IEndpointRouteBuilder api, DigitalOceanState state, Func<string> origin)
    {
        api.MapGet("/actions", (HttpContext c) => state.Read(() =>
            DoResults.List(c, origin(), "actions", state.ActionMap.Values.OrderBy(a => a.Action.Id).Select(state.ToApi))));

        api.MapGet("/actions/{id}", (HttpContext c) => state.Read(() =>
            DoResults.RouteLong(c) is { } id && state.ActionMap.TryGetValue(id, out var a) ? CloudJson.Json(new { action = state.ToApi(a) }) : DoResults.NotFound()));

        api.MapGet("/sizes", (HttpContext c) => DoResults.List(c, origin(), "sizes", DoCatalog.Sizes));
        api.MapGet("/regions", (HttpContext c) => DoResults.List(c, origin(), "regions", DoCatalog.Regions));
        api.MapGet("/images", (HttpContext c) => DoResults.List(c, origin(), "images", DoCatalog.Images));
    }
}
