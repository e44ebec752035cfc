using System.Globalization;
using k8s.Models;

namespace ShapeBlock.Operator.Apps;

/// <summary>
/// What a pod asks the scheduler for: per resource, the larger of the largest init container and the
/// sum of the containers (init containers run one at a time, before the others).
/// </summary>
internal static class PodRequests
{
    public static decimal? Effective(V1PodSpec? spec, string resource)
    {
        if (spec is null)
        {
            return null;
        }

        var init = (spec.InitContainers ?? []).Select(c => Request(c, resource)).DefaultIfEmpty(0m).Max();
        var main = (spec.Containers ?? []).Sum(c => Request(c, resource));
        var effective = Math.Max(init, main);
        return effective > 0 ? effective : null;
    }

    /// <summary>A quantity for people: memory in Gi/Mi/Ki when exact, CPU in cores or millicores.</summary>
    public static string Format(decimal value, string resource)
    {
        if (resource == "cpu")
        {
            return decimal.Truncate(value) == value
                ? value.ToString("0", CultureInfo.InvariantCulture)
                : (value * 1000m).ToString("0.###", CultureInfo.InvariantCulture) + "m";
        }

        foreach (var (suffix, size) in new[] { ("Gi", 1024m * 1024 * 1024), ("Mi", 1024m * 1024), ("Ki", 1024m) })
        {
            if (value >= size && value % size == 0)
            {
                return (value / size).ToString("0", CultureInfo.InvariantCulture) + suffix;
            }
        }

        return value >= 1024m * 1024 ? (value / (1024m * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + "Mi" : value.ToString("0", CultureInfo.InvariantCulture);
    }

    private static decimal Request(V1Container container, string resource)
    {
        // The API server copies limits to requests when only limits are set.
        var quantity = container.Resources?.Requests?.TryGetValue(resource, out var request) == true ? request
            : container.Resources?.Limits?.TryGetValue(resource, out var limit) == true ? limit : null;
        return quantity?.ToDecimal() ?? 0m;
    }
}
