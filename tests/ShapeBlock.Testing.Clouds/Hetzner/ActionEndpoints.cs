using System.Globalization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary><c>/v1/actions/{id}</c>, <c>/v1/actions?id=…</c> and <c>/v1/{resources}/actions/{id}</c>.</summary>
internal static class ActionEndpoints
{
    public static void Map(IEndpointRouteBuilder api, HetznerState state)
    {
        api.MapGet("/actions/{id}", (HttpContext c) => Get(c, state));
        api.MapGet("/{kind}/actions/{id}", (HttpContext c) => Get(c, state));
        api.MapGet("/actions", (HttpContext c) => state.Read(() =>
        {
            var ids = c.Request.Query["id"].Select(v => long.TryParse(v, CultureInfo.InvariantCulture, out var id) ? id : -1).ToHashSet();
            var status = c.Request.Query["status"].ToHashSet();
            var actions = state.ActionMap.Values.Where(a => ids.Count == 0 || ids.Contains(a.Id)).Select(state.ToApi)
                .Where(a => status.Count == 0 || status.Contains(a.Status));
            return HetznerResults.List(c, "actions", actions, a => a.Id, a => a.Command, _ => new Dictionary<string, string>());
        }));
    }

    private static IResult Get(HttpContext c, HetznerState state) => state.Read(() =>
        HetznerResults.RouteId(c) is { } id && state.ActionMap.TryGetValue(id, out var action)
            ? CloudJson.Json(new { action = state.ToApi(action) })
            : HetznerResults.NotFound("action", c));
}
