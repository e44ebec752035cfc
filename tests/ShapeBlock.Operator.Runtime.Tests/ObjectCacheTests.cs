using k8s.Models;
using ShapeBlock.Operator.Runtime.Informers;

namespace ShapeBlock.Operator.Runtime.Tests;

/// <summary>The cache's secondary indexes and the values its trims share.</summary>
public sealed class ObjectCacheTests
{
    [Fact]
    public void An_index_value_follows_its_objects_from_one_to_several_and_back()
    {
        var cache = new ObjectCache<V1ConfigMap>();
        cache.AddIndex("app", m => m.Metadata.Labels?.TryGetValue("app", out var app) == true ? [app] : []);

        cache.Upsert(Map("a", "web"));
        Assert.Equal(["a"], Names(cache.ByIndex("app", "web")));

        cache.Upsert(Map("a", "web")); // an update with the same value keeps one entry
        cache.Upsert(Map("b", "web"));
        cache.Upsert(Map("c", "web"));
        Assert.Equal(["a", "b", "c"], Names(cache.ByIndex("app", "web")));

        cache.Remove(new ObjectKey("ns", "b"));
        cache.Upsert(Map("c", "api")); // moves to another value
        Assert.Equal(["a"], Names(cache.ByIndex("app", "web")));
        Assert.Equal(["c"], Names(cache.ByIndex("app", "api")));

        cache.Upsert(Map("b", "web"));
        Assert.Equal(["a", "b"], Names(cache.ByIndex("app", "web")));
        cache.Remove(new ObjectKey("ns", "a"));
        cache.Remove(new ObjectKey("ns", "b"));
        Assert.Empty(cache.ByIndex("app", "web"));
        cache.Upsert(Map("a", "web"));
        Assert.Equal(["a"], Names(cache.ByIndex("app", "web")));
        Assert.Empty(cache.ByIndex("app", "none"));
    }

    [Fact]
    public void Equal_secret_values_are_one_array_and_other_values_stay_apart()
    {
        var first = new Dictionary<string, byte[]> { ["auth"] = "same-credential"u8.ToArray(), ["own"] = "one"u8.ToArray() };
        var second = new Dictionary<string, byte[]> { ["auth"] = "same-credential"u8.ToArray(), ["own"] = "two"u8.ToArray() };
        var large = new Dictionary<string, byte[]> { ["big"] = new byte[CacheShare.MaxBytesLength + 1] };
        var largeToo = new Dictionary<string, byte[]> { ["big"] = new byte[CacheShare.MaxBytesLength + 1] };

        CacheShare.Data(first);
        CacheShare.Data(second);
        CacheShare.Data(large);
        CacheShare.Data(largeToo);

        Assert.Same(first["auth"], second["auth"]);
        Assert.Equal("same-credential"u8.ToArray(), second["auth"]);
        Assert.Equal("one"u8.ToArray(), first["own"]);
        Assert.Equal("two"u8.ToArray(), second["own"]);
        Assert.NotSame(large["big"], largeToo["big"]);
    }

    private static V1ConfigMap Map(string name, string app) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", Labels = new Dictionary<string, string> { ["app"] = app } },
    };

    private static string[] Names(IReadOnlyList<V1ConfigMap> maps) => [.. maps.Select(m => m.Metadata.Name).Order(StringComparer.Ordinal)];
}
