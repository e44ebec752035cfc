namespace ShapeBlock.Testing.Clouds.Tests;

public sealed class HetznerNetworkTests
{
    [Fact]
    public async Task Network_with_subnet_add_subnet_action_and_delete()
    {
        await using var h = await Harness.HetznerAsync();
        var network = (await h.Api.PostAsync("/networks", new
        {
            name = "prod-network",
            ip_range = "10.0.0.0/16",
            labels = new Dictionary<string, string> { ["shapeblock.io/cluster"] = "prod" },
            subnets = new[] { new { type = "cloud", ip_range = "10.0.1.0/24", network_zone = "eu-central" } },
        })).Expect(HttpStatusCode.Created)["network"];
        var id = network.GetProperty("id").GetInt64();
        var subnet = network.GetProperty("subnets")[0];
        Assert.Equal("10.0.1.0/24", subnet.GetProperty("ip_range").GetString());
        Assert.Equal("10.0.0.1", subnet.GetProperty("gateway").GetString());
        Assert.Equal("eu-central", subnet.GetProperty("network_zone").GetString());

        var action = (await h.Api.PostAsync($"/networks/{id}/actions/add_subnet", new { type = "cloud", ip_range = "10.0.2.0/24", network_zone = "eu-central" }))
            .Expect(HttpStatusCode.Created)["action"];
        Assert.Equal("add_subnet", action.GetProperty("command").GetString());
        Assert.Equal("network", action.GetProperty("resources")[0].GetProperty("type").GetString());
        var done = await Eventually.Until(
            () => h.Api.GetAsync($"/actions/{action.GetProperty("id").GetInt64()}"),
            r => r["action"].GetProperty("status").GetString() == "success", what: "add_subnet success");
        Assert.Equal(100, done["action"].GetProperty("progress").GetInt32());
        Assert.Equal(2, (await h.Api.GetAsync($"/networks/{id}"))["network"].GetProperty("subnets").GetArrayLength());

        var overlap = (await h.Api.PostAsync($"/networks/{id}/actions/add_subnet", new { type = "cloud", ip_range = "10.0.2.0/25", network_zone = "eu-central" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_input", overlap["error"].GetProperty("code").GetString());
        var outside = (await h.Api.PostAsync($"/networks/{id}/actions/add_subnet", new { type = "cloud", ip_range = "10.1.0.0/24", network_zone = "eu-central" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_input", outside["error"].GetProperty("code").GetString());

        (await h.Api.PostAsync("/networks", new { name = "prod-network", ip_range = "10.1.0.0/16" })).Expect(HttpStatusCode.Conflict);
        (await h.Api.PostAsync("/networks", new { name = "public", ip_range = "8.8.0.0/16" })).Expect(HttpStatusCode.BadRequest);

        (await h.Api.DeleteAsync($"/networks/{id}")).Expect(HttpStatusCode.NoContent);
        (await h.Api.GetAsync($"/networks/{id}")).Expect(HttpStatusCode.NotFound);
        (await h.Api.DeleteAsync($"/networks/{id}")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Firewall_rules_apply_to_and_delete_refused_while_applied()
    {
        await using var h = await Harness.HetznerAsync();
        var server = (await h.Api.PostAsync("/servers", new { name = "web-1", server_type = "cx22", image = "ubuntu-24.04", location = "fsn1", labels = new Dictionary<string, string> { ["role"] = "web" } }))
            .Expect(HttpStatusCode.Created)["server"].GetProperty("id").GetInt64();
        var created = (await h.Api.PostAsync("/firewalls", new
        {
            name = "prod-firewall",
            labels = new Dictionary<string, string> { ["shapeblock.io/cluster"] = "prod" },
            rules = new object[]
            {
                new { direction = "in", protocol = "tcp", port = "22", source_ips = new[] { "0.0.0.0/0", "::/0" }, description = "ssh" },
                new { direction = "in", protocol = "icmp", source_ips = new[] { "0.0.0.0/0" } },
            },
            apply_to = new object[] { new { type = "label_selector", label_selector = new { selector = "role=web" } } },
        })).Expect(HttpStatusCode.Created);
        var firewall = created["firewall"];
        var id = firewall.GetProperty("id").GetInt64();
        Assert.NotEmpty(created["actions"].EnumerateArray());
        Assert.Equal("22", firewall.GetProperty("rules")[0].GetProperty("port").GetString());
        Assert.Equal(JsonValueKind.Null, firewall.GetProperty("rules")[1].GetProperty("port").ValueKind);
        var applied = firewall.GetProperty("applied_to")[0];
        Assert.Equal("label_selector", applied.GetProperty("type").GetString());
        Assert.Equal(server, applied.GetProperty("applied_to_resources")[0].GetProperty("server").GetProperty("id").GetInt64());

        var serverView = (await h.Api.GetAsync($"/servers/{server}"))["server"];
        Assert.Equal(id, serverView.GetProperty("public_net").GetProperty("firewalls")[0].GetProperty("id").GetInt64());

        var bad = (await h.Api.PostAsync("/firewalls", new { name = "bad", rules = new[] { new { direction = "in", protocol = "tcp", source_ips = new[] { "0.0.0.0/0" } } } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_input", bad["error"].GetProperty("code").GetString());

        var inUse = (await h.Api.DeleteAsync($"/firewalls/{id}")).Expect((HttpStatusCode)422);
        Assert.Equal("resource_in_use", inUse["error"].GetProperty("code").GetString());

        var removed = (await h.Api.PostAsync($"/firewalls/{id}/actions/remove_from_resources", new { remove_from = new[] { new { type = "label_selector", label_selector = new { selector = "role=web" } } } }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("remove_firewall", removed["actions"][0].GetProperty("command").GetString());
        (await h.Api.PostAsync($"/firewalls/{id}/actions/apply_to_resources", new { apply_to = new[] { new { type = "server", server = new { id = server } } } }))
            .Expect(HttpStatusCode.Created);
        (await h.Api.PostAsync($"/firewalls/{id}/actions/set_rules", new { rules = Array.Empty<object>() })).Expect(HttpStatusCode.Created);
        Assert.Empty(h.Fake.State.Firewalls[0].Rules);
        (await h.Api.DeleteAsync($"/firewalls/{id}")).Expect((HttpStatusCode)422);

        // Deleting the server removes it from the firewall, after which the firewall can go.
        (await h.Api.DeleteAsync($"/servers/{server}")).Expect(HttpStatusCode.OK);
        await Eventually.Until(() => h.Api.DeleteAsync($"/firewalls/{id}"), r => r.Status == HttpStatusCode.NoContent, what: "firewall deletable");
        Assert.Empty(h.Fake.State.Firewalls);
    }

    [Fact]
    public async Task Placement_group_create_get_update_delete()
    {
        await using var h = await Harness.HetznerAsync();
        var group = (await h.Api.PostAsync("/placement_groups", new { name = "prod-masters", type = "spread", labels = new Dictionary<string, string> { ["x"] = "y" } }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, group["action"].ValueKind);
        var id = group["placement_group"].GetProperty("id").GetInt64();
        (await h.Api.PostAsync("/placement_groups", new { name = "prod-masters", type = "spread" })).Expect(HttpStatusCode.Conflict);
        (await h.Api.PostAsync("/placement_groups", new { name = "other", type = "cluster" })).Expect(HttpStatusCode.BadRequest);

        var server = (await h.Api.PostAsync("/servers", new { name = "m-1", server_type = "cx22", image = "ubuntu-24.04", placement_group = id }))
            .Expect(HttpStatusCode.Created)["server"];
        Assert.Equal(id, server.GetProperty("placement_group").GetProperty("id").GetInt64());
        var fetched = (await h.Api.GetAsync($"/placement_groups/{id}")).Expect(HttpStatusCode.OK)["placement_group"];
        Assert.Equal(server.GetProperty("id").GetInt64(), fetched.GetProperty("servers")[0].GetInt64());

        (await h.Api.PutAsync($"/placement_groups/{id}", new { name = "renamed" })).Expect(HttpStatusCode.OK);
        (await h.Api.DeleteAsync($"/placement_groups/{id}")).Expect(HttpStatusCode.NoContent);
        Assert.Empty(h.Fake.State.PlacementGroups);
    }
}
