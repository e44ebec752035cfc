using System.Globalization;

namespace ShapeBlock.Testing.Clouds;

/// <summary>Reads <c>page</c> and <c>per_page</c> like the real APIs (per_page above the maximum is capped).</summary>
internal static class Paging
{
    /// <returns>An error message naming the bad parameter, or null.</returns>
    public static (string Field, string Message)? TryRead(HttpContext context, int defaultPerPage, int maxPerPage, out int page, out int perPage)
    {
        page = 1;
        perPage = defaultPerPage;
        var query = context.Request.Query;
        if (query.ContainsKey("page") && (!int.TryParse(query["page"], CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return ("page", "must be a positive integer");
        }

        if (query.ContainsKey("per_page") && (!int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out perPage) || perPage < 1))
        {
            return ("per_page", "must be a positive integer");
        }

        perPage = Math.Min(perPage, maxPerPage);
        return null;
    }
}
