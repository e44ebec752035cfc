namespace ShapeBlock.Testing.Clouds.Tests;

public sealed class HetznerLoadBalancerTests
{
    [Fact]
    public async Task Load_balancer_with_services_and_targets_then_actions_and_delete()
    {
        await using var h = await Harness.HetznerAsync();
        var network = (await h.Api.PostAsync("/networks", new
        {
            name = "net", ip_range = "10.0.0.0/16", subnets = new[] { new { type = "cloud", ip_range = "10.0.1.0/24", network_zone = "eu-central" } },
        }))["network"].GetProperty("id").GetInt64();
        var labels = new Dictionary<string, string> { ["shapeblock.io/cluster"] = "prod", ["shapeblock.io/role"] = "master" };
        var master = (await h.Api.PostAsync("/servers", new { name = "prod-master-1", server_type = "cx22", image = "ubuntu-24.04", networks = new[] { network }, labels }))
            .Expect(HttpStatusCode.Created)["server"].GetProperty("id").GetInt64();
        var other = (await h.Api.PostAsync("/servers", new { name = "other", server_type = "cx22", image = "ubuntu-24.04" }))["server"].GetProperty("id").GetInt64();

        var created = (await h.Api.PostAsync("/load_balancers", new
        {
            name = "prod-api",
            load_balancer_type = "lb11",
            location = "fsn1",
            network,
            labels = new Dictionary<string, string> { ["shapeblock.io/cluster"] = "prod" },
            algorithm = new { type = "round_robin" },
            services = new[] { new { protocol = "tcp", listen_port = 6443, destination_port = 6443 } },
            targets = new[] { new { type = "label_selector", label_selector = new { selector = "shapeblock.io/cluster=prod,shapeblock.io/role=master" }, use_private_ip = true } },
        })).Expect(HttpStatusCode.Created);
        Assert.Equal("create_load_balancer", created["action"].GetProperty("command").GetString());
        var lb = created["load_balancer"];
        var id = lb.GetProperty("id").GetInt64();
        Assert.StartsWith("203.0.113.", lb.GetProperty("public_net").GetProperty("ipv4").GetProperty("ip").GetString(), StringComparison.Ordinal);
        Assert.Equal("10.0.1.2", lb.GetProperty("private_net")[0].GetProperty("ip").GetString()); // .1 is taken by the master
        Assert.Equal("lb11", lb.GetProperty("load_balancer_type").GetProperty("name").GetString());
        Assert.Equal(6443, lb.GetProperty("services")[0].GetProperty("health_check").GetProperty("port").GetInt32());
        var selected = lb.GetProperty("targets")[0].GetProperty("targets");
        Assert.Equal(master, Assert.Single(selected.EnumerateArray()).GetProperty("server").GetProperty("id").GetInt64());

        (await h.Api.PostAsync($"/load_balancers/{id}/actions/add_target", new { type = "server", server = new { id = other } })).Expect(HttpStatusCode.Created);
        var duplicate = (await h.Api.PostAsync($"/load_balancers/{id}/actions/add_target", new { type = "server", server = new { id = other } })).Expect((HttpStatusCode)422);
        Assert.Equal("target_already_defined", duplicate["error"].GetProperty("code").GetString());
        (await h.Api.PostAsync($"/load_balancers/{id}/actions/add_service", new { protocol = "tcp", listen_port = 80, destination_port = 30080 })).Expect(HttpStatusCode.Created);
        (await h.Api.PostAsync($"/load_balancers/{id}/actions/add_service", new { protocol = "tcp", listen_port = 80, destination_port = 30081 })).Expect(HttpStatusCode.Conflict);
        (await h.Api.PostAsync($"/load_balancers/{id}/actions/delete_service", new { listen_port = 80 })).Expect(HttpStatusCode.Created);
        (await h.Api.PostAsync($"/load_balancers/{id}/actions/remove_target", new { type = "server", server = new { id = other } })).Expect(HttpStatusCode.Created);

        var serverView = (await h.Api.GetAsync($"/servers/{master}"))["server"];
        Assert.Equal(id, serverView.GetProperty("load_balancers")[0].GetInt64());
        var running = await Eventually.Until(() => h.Api.GetAsync($"/load_balancers/{id}"),
            r => r["load_balancer"].GetProperty("targets")[0].GetProperty("targets")[0].GetProperty("health_status")[0].GetProperty("status").GetString() == "healthy",
            what: "target healthy once the server runs");
        Assert.Single(running["load_balancer"].GetProperty("services").EnumerateArray());

        (await h.Api.PostAsync("/load_balancers", new { name = "prod-api", load_balancer_type = "lb11", location = "fsn1" })).Expect(HttpStatusCode.Conflict);
        (await h.Api.PostAsync("/load_balancers", new { name = "x", load_balancer_type = "lb99", location = "fsn1" })).Expect(HttpStatusCode.BadRequest);
        (await h.Api.DeleteAsync($"/load_balancers/{id}")).Expect(HttpStatusCode.NoContent);
        Assert.Empty(h.Fake.State.LoadBalancers);
        Assert.Equal(1, h.Fake.State.CountLabelled("shapeblock.io/role=master")); // only the server is left with that label
    }
}
