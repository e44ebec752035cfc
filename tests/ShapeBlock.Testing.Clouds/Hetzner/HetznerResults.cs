using System.Globalization;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>Hetzner-shaped answers: errors in <c>{"error": {...}}</c> and paged lists with <c>meta.pagination</c>.</summary>
internal static class HetznerResults
{
    public static IResult Error(int status, string code, string message, object? details = null) =>
        CloudJson.Json(new ErrorResponse(new ErrorBody(code, message) { Details = details }), status);

    public static IResult NotFound(string kind, string id) =>
        Error(404, "not_found", $"{kind} with ID '{id}' not found");

    public static IResult NotFound(string kind, HttpContext context) =>
        NotFound(kind, context.Request.RouteValues["id"]?.ToString() ?? "");

    public static IResult Invalid(string field, string message) =>
        Error(400, "invalid_input", $"invalid input in field '{field}'",
            new { fields = new[] { new { name = field, messages = new[] { message } } } });

    public static IResult Uniqueness(string field, string message) =>
        Error(409, "uniqueness_error", message, new { fields = new[] { new { name = field } } });

    public static IResult JsonError(string message) => Error(400, "json_error", "invalid JSON: " + message);

    public static IResult Standard(int status, string? message) => status switch
    {
        401 => Error(401, "unauthorized", message ?? "unable to authenticate"),
        403 => Error(403, "forbidden", message ?? "insufficient permissions for this request"),
        404 => Error(404, "not_found", message ?? "the requested resource was not found"),
        429 => Error(429, "rate_limit_exceeded", message ?? "limit of requests per hour reached"),
        503 => Error(503, "unavailable", message ?? "the service is currently unavailable"),
        _ => Error(status, "service_error", message ?? "an error occurred within the service"),
    };

    /// <summary>Parses <c>{id}</c>; null when it is not a positive number.</summary>
    public static long? RouteId(HttpContext context) =>
        long.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>Applies <c>name</c>, <c>label_selector</c>, <c>sort</c>, <c>page</c> and <c>per_page</c> and writes <c>{key: [...], meta}</c>.</summary>
    public static IResult List<T>(
        HttpContext context,
        string key,
        IEnumerable<T> items,
        Func<T, long> id,
        Func<T, string> name,
        Func<T, IReadOnlyDictionary<string, string>> labels)
    {
        var query = context.Request.Query;
        if (query.ContainsKey("name"))
        {
            var wanted = query["name"].ToString();
            items = items.Where(i => name(i) == wanted);
        }

        if (query.ContainsKey("label_selector"))
        {
            LabelSelector selector;
            try
            {
                selector = LabelSelector.Parse(query["label_selector"].ToString());
            }
            catch (FormatException e)
            {
                return Invalid("label_selector", e.Message);
            }

            items = items.Where(i => selector.Matches(labels(i)));
        }

        var sorted = query["sort"].ToString() switch
        {
            "" or "id" or "id:asc" => items.OrderBy(id),
            "id:desc" => items.OrderByDescending(id),
            "name" or "name:asc" => items.OrderBy(name, StringComparer.Ordinal),
            "name:desc" => items.OrderByDescending(name, StringComparer.Ordinal),
            "created" or "created:asc" => items.OrderBy(id), // ids grow with creation time
            "created:desc" => items.OrderByDescending(id),
            _ => null,
        };
        if (sorted is null)
        {
            return Invalid("sort", "unsupported sort value");
        }

        if (Paging.TryRead(context, 25, 50, out var page, out var perPage) is { } bad)
        {
            return Invalid(bad.Field, bad.Message);
        }

        var all = sorted.ToList();
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var meta = new Meta(new Pagination(page, perPage, page > 1 ? page - 1 : null, page < last ? page + 1 : null, last, all.Count));
        var body = new Dictionary<string, object>
        {
            [key] = all.Skip((page - 1) * perPage).Take(perPage).ToList(),
            ["meta"] = meta,
        };
        return CloudJson.Json(body);
    }
}
