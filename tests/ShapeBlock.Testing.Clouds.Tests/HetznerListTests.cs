namespace ShapeBlock.Testing.Clouds.Tests;

public sealed class HetznerListTests
{
    [Fact]
    public async Task Pagination_walks_every_page_with_meta()
    {
        await using var h = await Harness.HetznerAsync();
        for (var i = 1; i <= 7; i++)
        {
            (await h.Api.PostAsync("/placement_groups", new { name = $"g-{i}", type = "spread" })).Expect(HttpStatusCode.Created);
        }

        var names = new List<string>();
        int? page = 1;
        var pages = 0;
        while (page is { } p && pages++ < 10)
        {
            var response = (await h.Api.GetAsync($"/placement_groups?page={p}&per_page=3")).Expect(HttpStatusCode.OK);
            var pagination = response["meta"].GetProperty("pagination");
            Assert.Equal(p, pagination.GetProperty("page").GetInt32());
            Assert.Equal(3, pagination.GetProperty("per_page").GetInt32());
            Assert.Equal(3, pagination.GetProperty("last_page").GetInt32());
            Assert.Equal(7, pagination.GetProperty("total_entries").GetInt32());
            Assert.Equal(p == 1 ? JsonValueKind.Null : JsonValueKind.Number, pagination.GetProperty("previous_page").ValueKind);
            names.AddRange(response["placement_groups"].EnumerateArray().Select(g => g.GetProperty("name").GetString()!));
            page = pagination.GetProperty("next_page").ValueKind == JsonValueKind.Null ? null : pagination.GetProperty("next_page").GetInt32();
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"g-{i}"), names);

        var defaults = (await h.Api.GetAsync("/placement_groups")).Expect(HttpStatusCode.OK)["meta"].GetProperty("pagination");
        Assert.Equal(25, defaults.GetProperty("per_page").GetInt32());
        Assert.Equal(50, (await h.Api.GetAsync("/placement_groups?per_page=500"))["meta"].GetProperty("pagination").GetProperty("per_page").GetInt32());
        (await h.Api.GetAsync("/placement_groups?page=0")).Expect(HttpStatusCode.BadRequest);
        var sorted = (await h.Api.GetAsync("/placement_groups?sort=name:desc&per_page=1"))["placement_groups"][0];
        Assert.Equal("g-7", sorted.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("env=prod", new[] { "a", "b" })]
    [InlineData("env==prod", new[] { "a", "b" })]
    [InlineData("env!=prod", new[] { "c", "d" })]
    [InlineData("env", new[] { "a", "b", "c" })]
    [InlineData("!env", new[] { "d" })]
    [InlineData("env=prod,role=master", new[] { "a" })]
    [InlineData("env=prod, !role", new[] { "b" })]
    [InlineData("env in (prod,dev)", new[] { "a", "b", "c" })]
    [InlineData("env notin (prod),role", new[] { "c", "d" })]
    [InlineData("shapeblock.io/cluster=x", new[] { "d" })]
    public async Task Label_selector_semantics(string selector, string[] expected)
    {
        await using var h = await Harness.HetznerAsync();
        var labelled = new Dictionary<string, Dictionary<string, string>>
        {
            ["a"] = new() { ["env"] = "prod", ["role"] = "master" },
            ["b"] = new() { ["env"] = "prod" },
            ["c"] = new() { ["env"] = "dev", ["role"] = "worker" },
            ["d"] = new() { ["role"] = "worker", ["shapeblock.io/cluster"] = "x" },
        };
        foreach (var (name, labels) in labelled)
        {
            (await h.Api.PostAsync("/placement_groups", new { name, type = "spread", labels })).Expect(HttpStatusCode.Created);
        }

        var response = (await h.Api.GetAsync("/placement_groups?label_selector=" + Uri.EscapeDataString(selector))).Expect(HttpStatusCode.OK);
        Assert.Equal(expected, response["placement_groups"].EnumerateArray().Select(g => g.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Name_filter_and_malformed_selector()
    {
        await using var h = await Harness.HetznerAsync();
        (await h.Api.PostAsync("/ssh_keys", new { name = "one", public_key = Harness.PublicKey })).Expect(HttpStatusCode.Created);
        (await h.Api.PostAsync("/ssh_keys", new { name = "two", public_key = Harness.OtherPublicKey })).Expect(HttpStatusCode.Created);
        var byName = (await h.Api.GetAsync("/ssh_keys?name=two"))["ssh_keys"];
        Assert.Equal("two", Assert.Single(byName.EnumerateArray()).GetProperty("name").GetString());
        Assert.Empty((await h.Api.GetAsync("/ssh_keys?name=three"))["ssh_keys"].EnumerateArray());
        var bad = (await h.Api.GetAsync("/ssh_keys?label_selector=" + Uri.EscapeDataString("a in (b"))).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_input", bad["error"].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Catalogue_lists_server_types_and_locations()
    {
        await using var h = await Harness.HetznerAsync();
        var cx22 = (await h.Api.GetAsync("/server_types?name=cx22"))["server_types"][0];
        Assert.Equal((2, 4.0), (cx22.GetProperty("cores").GetInt32(), cx22.GetProperty("memory").GetDouble()));
        Assert.Equal("eu-central", (await h.Api.GetAsync("/locations?name=nbg1"))["locations"][0].GetProperty("network_zone").GetString());
    }
}
