using System.Text.Json.Nodes;

namespace ShapeBlock.Operator.Apps.Tests;

public sealed class JsonMergeTests
{
    [Theory]
    [InlineData("{a: 1}", "{b: 2}", "{a: 1, b: 2}")]
    [InlineData("{a: 1}", "{a: 2}", "{a: 2}")]
    [InlineData("{a: {x: 1, y: 2}}", "{a: {y: 3, z: 4}}", "{a: {x: 1, y: 3, z: 4}}")]
    [InlineData("{a: {b: {c: 1, d: 1}}}", "{a: {b: {d: 2}}}", "{a: {b: {c: 1, d: 2}}}")]
    [InlineData("{list: [1, 2, 3]}", "{list: [4]}", "{list: [4]}")]
    [InlineData("{list: [{a: 1}, {b: 2}]}", "{list: [{c: 3}]}", "{list: [{c: 3}]}")]
    [InlineData("{a: 1, b: 2}", "{a: null}", "{b: 2}")]
    [InlineData("{a: {x: 1, y: 2}}", "{a: {x: null}}", "{a: {y: 2}}")]
    [InlineData("{a: 1}", "{missing: null}", "{a: 1}")]
    [InlineData("{a: {x: 1}}", "{a: 5}", "{a: 5}")]
    [InlineData("{a: 5}", "{a: {x: 1, gone: null}}", "{a: {x: 1}}")]
    [InlineData("{a: [1]}", "{a: {x: 1}}", "{a: {x: 1}}")]
    [InlineData("{a: {x: 1}}", "{a: {}}", "{a: {x: 1}}")]
    [InlineData("{a: 1}", "{}", "{a: 1}")]
    [InlineData("{s: text}", "{s: 7}", "{s: 7}")]
    public void MergesWithHelmSemantics(string left, string right, string expected)
    {
        var merged = JsonMerge.Merge(Fixtures.Json(left), Fixtures.Json(right));

        Assert.True(JsonNode.DeepEquals(Fixtures.Json(expected), merged), merged.ToJsonString());
    }

    [Fact]
    public void NeverModifiesItsInputs()
    {
        var left = Fixtures.Json("{a: {x: 1}, list: [1]}");
        var right = Fixtures.Json("{a: {y: 2}, list: [2], gone: null}");
        var leftBefore = left.ToJsonString();
        var rightBefore = right.ToJsonString();

        var merged = JsonMerge.Merge(left, right);
        merged["a"]!["x"] = 99;
        ((JsonArray)merged["list"]!).Add(3);

        Assert.Equal(leftBefore, left.ToJsonString());
        Assert.Equal(rightBefore, right.ToJsonString());
    }

    [Fact]
    public void LaterLayersWin()
    {
        var merged = JsonMerge.MergeAll(Fixtures.Json("{a: 1, b: 1, c: 1}"), null, Fixtures.Json("{b: 2, c: 2}"), Fixtures.Json("{c: 3}"));

        Assert.True(JsonNode.DeepEquals(Fixtures.Json("{a: 1, b: 2, c: 3}"), merged));
    }

    [Fact]
    public void NullSidesAreEmpty()
    {
        Assert.Empty(JsonMerge.Merge(null, null));
        Assert.True(JsonNode.DeepEquals(Fixtures.Json("{a: 1}"), JsonMerge.Merge(null, Fixtures.Json("{a: 1}"))));
    }

    [Fact]
    public void CanonicalFormSortsKeysButKeepsArrays()
    {
        var sorted = JsonCanonical.SortObject(Fixtures.Json("{b: {z: 1, a: 2}, a: [3, 1, {y: 1, x: 2}]}"));

        Assert.Equal("""{"a":[3,1,{"x":2,"y":1}],"b":{"a":2,"z":1}}""", sorted.ToJsonString());
        Assert.Equal(JsonCanonical.Hash(Fixtures.Json("{a: 1, b: 2}")), JsonCanonical.Hash(Fixtures.Json("{b: 2, a: 1}")));
        Assert.NotEqual(JsonCanonical.Hash(Fixtures.Json("{a: 1}")), JsonCanonical.Hash(Fixtures.Json("{a: 2}")));
    }
}
