using System.Globalization;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>DigitalOcean-shaped answers: <c>{"id", "message", "request_id"}</c> errors and lists with <c>links.pages</c> and <c>meta.total</c>.</summary>
internal static class DoResults
{
    public static IResult Error(int status, string id, string message) =>
        CloudJson.Json(new DoError(id, message, Guid.NewGuid().ToString()), status);

    public static IResult NotFound() => Error(404, "not_found", "The resource you were accessing could not be found.");

    public static IResult Unprocessable(string message) => Error(422, "unprocessable_entity", message);

    public static IResult BadRequest(string message) => Error(400, "bad_request", message);

    public static IResult Standard(int status, string? message) => status switch
    {
        401 => Error(401, "Unauthorized", message ?? "Unable to authenticate you"),
        403 => Error(403, "forbidden", message ?? "You do not have access for the attempted action."),
        404 => NotFound(),
        429 => Error(429, "too_many_requests", message ?? "API Rate limit exceeded."),
        503 => Error(503, "service_unavailable", message ?? "Service is temporarily unavailable."),
        _ => Error(status, "server_error", message ?? "Server was unable to give you a response."),
    };

    public static string? RouteValue(HttpContext c, string name = "id") => c.Request.RouteValues[name]?.ToString();

    public static long? RouteLong(HttpContext c) =>
        long.TryParse(RouteValue(c), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>Pages <paramref name="items"/> (per_page default 20, max 200) into <c>{key: [...], links, meta}</c>.</summary>
    public static IResult List<T>(HttpContext context, string origin, string key, IEnumerable<T> items)
    {
        if (Paging.TryRead(context, 20, 200, out var page, out var perPage) is { } bad)
        {
            return BadRequest($"{bad.Field} {bad.Message}");
        }

        var all = items.ToList();
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        string Url(int p)
        {
            var query = context.Request.Query.Where(q => q.Key is not ("page" or "per_page"))
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"page={p}").Append($"per_page={perPage}");
            return $"{origin}{context.Request.Path}?{string.Join('&', query)}";
        }

        var pages = new PageLinks
        {
            First = page > 1 ? Url(1) : null,
            Prev = page > 1 ? Url(Math.Min(page - 1, last)) : null,
            Next = page < last ? Url(page + 1) : null,
            Last = page < last ? Url(last) : null,
        };
        return CloudJson.Json(new Dictionary<string, object>
        {
            [key] = all.Skip((page - 1) * perPage).Take(perPage).ToList(),
            ["links"] = new Links(pages),
            ["meta"] = new DoMeta(all.Count),
        });
    }
}
