using k8s.Models;
using ShapeBlock.Operator.Runtime.Informers;
using Xunit;

namespace ShapeBlock.Operator.Runtime.Tests;

public sealed class OwnWritesTests
{
    private static readonly ObjectKey Key = new("a", "web");

    [Fact]
    public void A_cache_older_than_the_own_write_is_stale_until_the_write_is_delivered_which_asks_for_a_rerun()
    {
        var cache = new ObjectCache<V1ConfigMap>();
        var writes = new OwnWrites();
        cache.Upsert(At("5"));
        writes.Record(At("7"));

        Assert.Null(writes.Fresh(cache, Key));
        Assert.False(writes.CaughtUp(At("6")));

        cache.Upsert(At("7"));
        Assert.True(writes.CaughtUp(At("7")));
        Assert.Equal("7", writes.Fresh(cache, Key)!.Metadata.ResourceVersion);
        Assert.False(writes.CaughtUp(At("8")));
    }

    [Fact]
    public void A_write_nobody_waited_for_does_not_ask_for_a_rerun()
    {
        var writes = new OwnWrites();
        writes.Record(At("7"));

        Assert.True(writes.IsBehind(At("6")));
        Assert.False(writes.CaughtUp(At("7")));
        Assert.False(writes.IsBehind(At("6")));
    }

    [Fact]
    public void The_newest_of_several_writes_counts_and_a_cache_that_skipped_ahead_is_fresh()
    {
        var cache = new ObjectCache<V1ConfigMap>();
        var writes = new OwnWrites();
        writes.Record(At("9"));
        writes.Record(At("7"));
        cache.Upsert(At("8"));
        Assert.Null(writes.Fresh(cache, Key));

        cache.Upsert(At("12"));
        Assert.Equal("12", writes.Fresh(cache, Key)!.Metadata.ResourceVersion);
    }

    [Fact]
    public void Versions_that_are_not_integers_are_never_stale()
    {
        var cache = new ObjectCache<V1ConfigMap>();
        var writes = new OwnWrites();
        writes.Record(At("b7"));
        cache.Upsert(At("a1"));

        Assert.NotNull(writes.Fresh(cache, Key));
    }

    [Fact]
    public void A_deleted_object_is_forgotten()
    {
        var cache = new ObjectCache<V1ConfigMap>();
        var writes = new OwnWrites();
        writes.Record(At("7"));
        writes.Forget("uid-1");
        cache.Upsert(At("5"));

        Assert.NotNull(writes.Fresh(cache, Key));
    }

    private static V1ConfigMap At(string resourceVersion) =>
        new() { Metadata = new V1ObjectMeta { Name = Key.Name, NamespaceProperty = Key.Namespace, Uid = "uid-1", ResourceVersion = resourceVersion } };
}
