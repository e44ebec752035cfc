using ShapeBlock.Testing.Clouds.DigitalOcean;

namespace ShapeBlock.Testing.Clouds.Tests;

public sealed class DigitalOceanResourceTests
{
    [Fact]
    public async Task Account_keys_create_get_by_id_and_fingerprint_rename_delete()
    {
        await using var h = await Harness.DigitalOceanAsync();
        var key = (await h.Api.PostAsync("/account/keys", new { name = "prod", public_key = Harness.PublicKey })).Expect(HttpStatusCode.Created)["ssh_key"];
        var id = key.GetProperty("id").GetInt64();
        var fingerprint = key.GetProperty("fingerprint").GetString();
        Assert.Equal(SshFingerprint.Md5(Harness.PublicKey), fingerprint);
        Assert.Equal(id, (await h.Api.GetAsync($"/account/keys/{fingerprint}")).Expect(HttpStatusCode.OK)["ssh_key"].GetProperty("id").GetInt64());

        var duplicate = (await h.Api.PostAsync("/account/keys", new { name = "again", public_key = Harness.PublicKey })).Expect((HttpStatusCode)422);
        Assert.Equal("unprocessable_entity", duplicate["id"].GetString());
        Assert.False(string.IsNullOrEmpty(duplicate["request_id"].GetString()));

        Assert.Equal("renamed", (await h.Api.PutAsync($"/account/keys/{id}", new { name = "renamed" }))["ssh_key"].GetProperty("name").GetString());
        Assert.Equal(1, (await h.Api.GetAsync("/account/keys"))["meta"].GetProperty("total").GetInt32());
        (await h.Api.DeleteAsync($"/account/keys/{fingerprint}")).Expect(HttpStatusCode.NoContent);
        var gone = (await h.Api.GetAsync($"/account/keys/{id}")).Expect(HttpStatusCode.NotFound);
        Assert.Equal("not_found", gone["id"].GetString());
    }

    [Fact]
    public async Task Vpcs_unique_name_no_overlap_and_no_delete_with_members()
    {
        await using var h = await Harness.DigitalOceanAsync();
        var vpc = (await h.Api.PostAsync("/vpcs", new { name = "prod-network", region = "fra1", ip_range = "10.10.0.0/20", description = "prod" }))
            .Expect(HttpStatusCode.Created)["vpc"];
        var id = vpc.GetProperty("id").GetString();
        Assert.Equal("do:vpc:" + id, vpc.GetProperty("urn").GetString());
        Assert.False(vpc.GetProperty("default").GetBoolean());
        (await h.Api.PostAsync("/vpcs", new { name = "prod-network", region = "fra1" })).Expect((HttpStatusCode)422);
        (await h.Api.PostAsync("/vpcs", new { name = "overlap", region = "fra1", ip_range = "10.10.8.0/24" })).Expect((HttpStatusCode)422);
        (await h.Api.PostAsync("/vpcs", new { name = "nowhere", region = "mars1" })).Expect((HttpStatusCode)422);

        var droplet = (await h.Api.PostAsync("/droplets", new { name = "d1", region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64", vpc_uuid = id }))
            .Expect(HttpStatusCode.Accepted)["droplet"].GetProperty("id").GetInt64();
        Assert.Equal("forbidden", (await h.Api.DeleteAsync($"/vpcs/{id}")).Expect(HttpStatusCode.Forbidden)["id"].GetString());
        (await h.Api.DeleteAsync($"/droplets/{droplet}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal("renamed", (await h.Api.SendAsync(HttpMethod.Patch, $"/vpcs/{id}", new { name = "renamed" }))["vpc"].GetProperty("name").GetString());
        (await h.Api.DeleteAsync($"/vpcs/{id}")).Expect(HttpStatusCode.NoContent);
        (await h.Api.GetAsync($"/vpcs/{id}")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Firewall_waiting_then_succeeded_with_droplets_tags_and_rules()
    {
        await using var h = await Harness.DigitalOceanAsync(new FakeCloudOptions { ActionDuration = TimeSpan.FromMilliseconds(100) });
        var droplet = (await h.Api.PostAsync("/droplets", new { name = "d1", region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64" }))["droplet"].GetProperty("id").GetInt64();
        var firewall = (await h.Api.PostAsync("/firewalls", new
        {
            name = "prod-firewall",
            inbound_rules = new[] { new { protocol = "tcp", ports = "22", sources = new { addresses = new[] { "0.0.0.0/0", "::/0" } } } },
            outbound_rules = new[] { new { protocol = "tcp", ports = "all", destinations = new { addresses = new[] { "0.0.0.0/0" } } } },
            tags = new[] { "shapeblock-cluster:prod" },
        })).Expect(HttpStatusCode.Accepted)["firewall"];
        var id = firewall.GetProperty("id").GetString();
        Assert.Equal("waiting", firewall.GetProperty("status").GetString());
        Assert.Equal("22", firewall.GetProperty("inbound_rules")[0].GetProperty("ports").GetString());
        Assert.Equal("0.0.0.0/0", firewall.GetProperty("inbound_rules")[0].GetProperty("sources").GetProperty("addresses")[0].GetString());
        await Eventually.Until(() => h.Api.GetAsync($"/firewalls/{id}"), r => r["firewall"].GetProperty("status").GetString() == "succeeded", what: "firewall succeeded");

        (await h.Api.PostAsync($"/firewalls/{id}/droplets", new { droplet_ids = new[] { droplet } })).Expect(HttpStatusCode.NoContent);
        (await h.Api.PostAsync($"/firewalls/{id}/droplets", new { droplet_ids = new[] { 12345 } })).Expect((HttpStatusCode)422);
        (await h.Api.PostAsync($"/firewalls/{id}/rules", new { inbound_rules = new[] { new { protocol = "tcp", ports = "6443", sources = new { tags = new[] { "shapeblock-cluster:prod" } } } } }))
            .Expect(HttpStatusCode.NoContent);
        var updated = (await h.Api.GetAsync($"/firewalls/{id}"))["firewall"];
        Assert.Equal([droplet], updated.GetProperty("droplet_ids").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal(2, updated.GetProperty("inbound_rules").GetArrayLength());
        (await h.Api.SendAsync(HttpMethod.Delete, $"/firewalls/{id}/tags", new { tags = new[] { "shapeblock-cluster:prod" } })).Expect(HttpStatusCode.NoContent);
        Assert.Empty(h.Fake.State.Firewalls[0].Tags);

        (await h.Api.PostAsync("/firewalls", new { name = "bad", inbound_rules = new[] { new { protocol = "tcp", ports = "22", sources = new { } } } })).Expect((HttpStatusCode)422);
        (await h.Api.DeleteAsync($"/firewalls/{id}")).Expect(HttpStatusCode.NoContent);
        Assert.Empty(h.Fake.State.Firewalls);
    }

    [Fact]
    public async Task Load_balancer_new_then_active_with_an_ip_then_deleted()
    {
        await using var h = await Harness.DigitalOceanAsync();
        var created = (await h.Api.PostAsync("/load_balancers", new
        {
            name = "prod-api",
            region = "fra1",
            forwarding_rules = new[] { new { entry_protocol = "tcp", entry_port = 6443, target_protocol = "tcp", target_port = 6443 } },
            tag = "shapeblock-role:master",
        })).Expect(HttpStatusCode.Accepted)["load_balancer"];
        var id = created.GetProperty("id").GetString();
        Assert.Equal(("new", ""), (created.GetProperty("status").GetString(), created.GetProperty("ip").GetString()));
        var active = await Eventually.Until(() => h.Api.GetAsync($"/load_balancers/{id}"), r => r["load_balancer"].GetProperty("status").GetString() == "active", what: "lb active");
        Assert.StartsWith("198.51.100.", active["load_balancer"].GetProperty("ip").GetString(), StringComparison.Ordinal);
        Assert.Equal(6443, active["load_balancer"].GetProperty("health_check").GetProperty("port").GetInt32());

        (await h.Api.PostAsync("/load_balancers", new { name = "x", region = "fra1", forwarding_rules = Array.Empty<object>() })).Expect((HttpStatusCode)422);
        (await h.Api.PostAsync($"/load_balancers/{id}/droplets", new { droplet_ids = new[] { 1 } })).Expect((HttpStatusCode)422); // tag-targeted
        (await h.Api.DeleteAsync($"/load_balancers/{id}")).Expect(HttpStatusCode.NoContent);
        Assert.Empty(h.Fake.State.LoadBalancers);
    }

    [Fact]
    public async Task Tags_create_idempotently_list_tag_droplets_and_delete()
    {
        await using var h = await Harness.DigitalOceanAsync();
        Assert.Equal("shapeblock-cluster:prod", (await h.Api.PostAsync("/tags", new { name = "shapeblock-cluster:prod" })).Expect(HttpStatusCode.Created)["tag"].GetProperty("name").GetString());
        (await h.Api.PostAsync("/tags", new { name = "shapeblock-cluster:prod" })).Expect(HttpStatusCode.Created);
        var invalid = (await h.Api.PostAsync("/tags", new { name = "shapeblock.io/cluster=prod" })).Expect((HttpStatusCode)422);
        Assert.Equal("unprocessable_entity", invalid["id"].GetString());

        var droplet = (await h.Api.PostAsync("/droplets", new { name = "d1", region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64" }))["droplet"].GetProperty("id").GetInt64();
        (await h.Api.PostAsync("/tags/shapeblock-cluster:prod/resources", new { resources = new[] { new { resource_id = droplet.ToString(System.Globalization.CultureInfo.InvariantCulture), resource_type = "droplet" } } }))
            .Expect(HttpStatusCode.NoContent);
        var tag = (await h.Api.GetAsync("/tags/shapeblock-cluster:prod")).Expect(HttpStatusCode.OK)["tag"];
        Assert.Equal(1, tag.GetProperty("resources").GetProperty("droplets").GetProperty("count").GetInt32());
        Assert.Single((await h.Api.GetAsync("/droplets?tag_name=shapeblock-cluster:prod"))["droplets"].EnumerateArray());

        (await h.Api.DeleteAsync("/tags/shapeblock-cluster:prod")).Expect(HttpStatusCode.NoContent);
        Assert.Empty(h.Fake.State.Droplets.Single().Tags);
        (await h.Api.GetAsync("/tags/shapeblock-cluster:prod")).Expect(HttpStatusCode.NotFound);
    }
}
