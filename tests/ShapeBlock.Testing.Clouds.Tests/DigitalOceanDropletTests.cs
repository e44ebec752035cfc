using System.Collections.Concurrent;
using System.Globalization;

namespace ShapeBlock.Testing.Clouds.Tests;

public sealed class DigitalOceanDropletTests
{
    [Fact]
    public async Task Droplet_create_is_new_without_addresses_then_active_with_them()
    {
        var asked = new ConcurrentBag<ServerInfo>();
        var options = new FakeCloudOptions { RateLimit = 5000, AddressProvider = (info, _) => { asked.Add(info); return Task.FromResult("10.251.0.2"); } };
        await using var h = await Harness.DigitalOceanAsync(options);
        var key = (await h.Api.PostAsync("/account/keys", new { name = "k", public_key = Harness.PublicKey }))["ssh_key"];

        var created = (await h.Api.PostAsync("/droplets", new
        {
            name = "prod-master-1",
            region = "fra1",
            size = "s-2vcpu-4gb",
            image = "ubuntu-24-04-x64",
            ssh_keys = new object[] { key.GetProperty("fingerprint").GetString()! },
            tags = new[] { "shapeblock-cluster:prod", "shapeblock-role:master" },
            monitoring = true,
        })).Expect(HttpStatusCode.Accepted);
        var droplet = created["droplet"];
        var id = droplet.GetProperty("id").GetInt64();
        Assert.Equal("new", droplet.GetProperty("status").GetString());
        Assert.Empty(droplet.GetProperty("networks").GetProperty("v4").EnumerateArray());
        Assert.Equal(("s-2vcpu-4gb", 4096, 2), (droplet.GetProperty("size_slug").GetString(), droplet.GetProperty("memory").GetInt32(), droplet.GetProperty("vcpus").GetInt32()));
        Assert.Equal("fra1", droplet.GetProperty("region").GetProperty("slug").GetString());
        Assert.Equal(["shapeblock-cluster:prod", "shapeblock-role:master"], droplet.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var link = created["links"].GetProperty("actions")[0];
        Assert.Equal("create", link.GetProperty("rel").GetString());
        Assert.Equal($"{h.Fake.Origin}/v2/actions/{link.GetProperty("id").GetInt64()}", link.GetProperty("href").GetString());

        var active = await Eventually.Until(() => h.Api.GetAsync($"/droplets/{id}"), r => r["droplet"].GetProperty("status").GetString() == "active", what: "droplet active");
        var v4 = active["droplet"].GetProperty("networks").GetProperty("v4").EnumerateArray().ToDictionary(n => n.GetProperty("type").GetString()!, n => n.GetProperty("ip_address").GetString());
        Assert.Equal("10.251.0.2", v4["public"]);
        var vpc = h.Fake.State.Vpcs.Single(v => v.Id == active["droplet"].GetProperty("vpc_uuid").GetString());
        Assert.True(vpc.Default);
        Assert.StartsWith(vpc.IpRange[..vpc.IpRange.LastIndexOf('.')], v4["private"], StringComparison.Ordinal);

        var action = (await h.Api.GetAsync($"/actions/{link.GetProperty("id").GetInt64()}")).Expect(HttpStatusCode.OK)["action"];
        Assert.Equal(("completed", "create", id, "droplet"), (action.GetProperty("status").GetString(), action.GetProperty("type").GetString(), action.GetProperty("resource_id").GetInt64(), action.GetProperty("resource_type").GetString()));
        var info = Assert.Single(asked);
        Assert.Equal(("digitalocean", 4096), (info.Provider, info.MemoryMiB));
        Assert.Contains("shapeblock-role:master", info.Tags);
    }

    [Fact]
    public async Task Droplet_stays_new_until_its_address_is_ready_or_a_hung_action_is_released()
    {
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new FakeCloudOptions
        {
            ActionDuration = TimeSpan.Zero,
            AddressProvider = (info, _) => info.Name == "slow" ? address.Task : Task.FromResult("127.0.0.1"),
            CreateOutcome = info => info.Name == "stuck" ? ActionOutcome.Hang : ActionOutcome.Succeed,
        };
        await using var h = await Harness.DigitalOceanAsync(options);
        async Task<long> Create(string name) =>
            (await h.Api.PostAsync("/droplets", new { name, region = "ams3", size = "s-1vcpu-2gb", image = "debian-12-x64" })).Expect(HttpStatusCode.Accepted)["droplet"].GetProperty("id").GetInt64();
        async Task<string> Status(long id) => (await h.Api.GetAsync($"/droplets/{id}"))["droplet"].GetProperty("status").GetString()!;

        var slow = await Create("slow");
        var stuck = await Create("stuck");
        Assert.Equal("new", await Status(slow));
        Assert.Equal("in-progress", h.Fake.State.Actions.Single(a => a.ResourceId == slow).Status);
        address.SetResult("127.0.0.2");
        await Eventually.Until(() => Status(slow), s => s == "active", what: "slow droplet active");

        Assert.Equal("new", await Status(stuck));
        h.Fake.State.CompleteAction(h.Fake.State.CreateActionOf(stuck));
        Assert.Equal("active", await Status(stuck));

        var powerOff = (await h.Api.PostAsync($"/droplets/{stuck}/actions", new { type = "power_off" })).Expect(HttpStatusCode.Created)["action"];
        Assert.Equal("power_off", powerOff.GetProperty("type").GetString());
        Assert.Equal("off", await Status(stuck));
    }

    [Fact]
    public async Task Pagination_follows_absolute_next_links_and_keeps_the_tag_filter()
    {
        await using var h = await Harness.DigitalOceanAsync();
        var names = Enumerable.Range(1, 5).Select(i => $"prod-workers-{i}").ToList();
        var created = (await h.Api.PostAsync("/droplets", new { names, region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64", tags = new[] { "shapeblock-cluster:prod" } }))
            .Expect(HttpStatusCode.Accepted);
        Assert.Equal(5, created["droplets"].GetArrayLength());
        Assert.Equal("multiple_create", created["links"].GetProperty("actions")[0].GetProperty("rel").GetString());
        (await h.Api.PostAsync("/droplets", new { name = "unrelated", region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64" })).Expect(HttpStatusCode.Accepted);

        var seen = new List<string>();
        string? next = "/droplets?tag_name=shapeblock-cluster%3Aprod&per_page=2";
        var pages = 0;
        while (next is not null && pages++ < 10)
        {
            var page = (await h.Api.GetAsync(next)).Expect(HttpStatusCode.OK);
            Assert.Equal(5, page["meta"].GetProperty("total").GetInt32());
            seen.AddRange(page["droplets"].EnumerateArray().Select(d => d.GetProperty("name").GetString()!));
            var links = page["links"].GetProperty("pages");
            next = links.TryGetProperty("next", out var n) ? n.GetString() : null;
            if (next is not null)
            {
                Assert.StartsWith(h.Fake.Origin + "/v2/droplets?", next, StringComparison.Ordinal);
                Assert.Contains("tag_name=shapeblock-cluster%3Aprod", next, StringComparison.Ordinal);
                Assert.Contains("page=", links.GetProperty("last").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(names, seen);
        var single = (await h.Api.GetAsync("/droplets?name=unrelated"))["droplets"];
        Assert.Equal("unrelated", Assert.Single(single.EnumerateArray()).GetProperty("name").GetString());
        (await h.Api.GetAsync("/droplets?name=a&tag_name=b")).Expect((HttpStatusCode)422);
    }

    [Fact]
    public async Task Delete_by_id_and_by_tag_run_the_hook_and_leave_others()
    {
        var deleted = new ConcurrentBag<string>();
        await using var h = await Harness.DigitalOceanAsync(new FakeCloudOptions { RateLimit = 5000, ServerDeleted = (i, _) => { deleted.Add(i.Name); return Task.CompletedTask; } });
        var tagged = (await h.Api.PostAsync("/droplets", new { names = new[] { "a", "b" }, region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64", tags = new[] { "shapeblock-cluster:x" } }))
            .Expect(HttpStatusCode.Accepted);
        var other = (await h.Api.PostAsync("/droplets", new { name = "c", region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64" }))["droplet"].GetProperty("id").GetInt64();

        (await h.Api.DeleteAsync("/droplets?tag_name=shapeblock-cluster:x")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(0, h.Fake.State.CountTagged("shapeblock-cluster:x"));
        Assert.Equal(["a", "b"], deleted.Order());
        (await h.Api.DeleteAsync($"/droplets/{other}")).Expect(HttpStatusCode.NoContent);
        (await h.Api.DeleteAsync($"/droplets/{other}")).Expect(HttpStatusCode.NotFound);
        Assert.Empty(h.Fake.State.Droplets);
        (await h.Api.DeleteAsync("/droplets")).Expect((HttpStatusCode)422);
        Assert.Equal(2, tagged["droplets"].GetArrayLength());
    }

    [Fact]
    public async Task Invalid_droplets_are_refused_with_do_errors()
    {
        await using var h = await Harness.DigitalOceanAsync();
        async Task<string> Refused(object body) => (await h.Api.PostAsync("/droplets", body)).Expect((HttpStatusCode)422)["id"].GetString()!;
        Assert.Equal("unprocessable_entity", await Refused(new { name = "x", region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64", tags = new[] { "shapeblock.io/cluster=prod" } }));
        Assert.Equal("unprocessable_entity", await Refused(new { name = "x", region = "fra1", size = "huge", image = "ubuntu-24-04-x64" }));
        Assert.Equal("unprocessable_entity", await Refused(new { name = "x", region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64", ssh_keys = new[] { 999 } }));
        Assert.Equal("unprocessable_entity", await Refused(new { name = "bad_name", region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64" }));
        Assert.Equal("bad_request", (await h.Api.PostAsync("/droplets", "[")).Expect(HttpStatusCode.BadRequest)["id"].GetString());
        Assert.Empty(h.Fake.State.Droplets);
    }

    [Fact]
    public async Task Auth_rate_limit_and_injected_faults_in_digitalocean_shape()
    {
        await using var h = await Harness.DigitalOceanAsync();
        var ok = (await h.Api.GetAsync("/droplets")).Expect(HttpStatusCode.OK);
        Assert.Equal("5000", ok.Headers["ratelimit-limit"]);
        Assert.Equal(4999, int.Parse(ok.Headers["ratelimit-remaining"], CultureInfo.InvariantCulture));
        Assert.True(ok.Headers.ContainsKey("ratelimit-reset"));

        h.Fake.Faults.RateLimit(1, TimeSpan.FromSeconds(3), pathPrefix: "/v2/droplets");
        var limited = (await h.Api.GetAsync("/droplets")).Expect(HttpStatusCode.TooManyRequests);
        Assert.Equal(("too_many_requests", "3", "0"), (limited["id"].GetString(), limited.Headers["retry-after"], limited.Headers["ratelimit-remaining"]));

        h.Fake.Faults.ServerError(1, 500);
        Assert.Equal("server_error", (await h.Api.GetAsync("/account/keys")).Expect(HttpStatusCode.InternalServerError)["id"].GetString());

        h.Api.Token = "nope";
        var denied = (await h.Api.GetAsync("/droplets")).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(("Unauthorized", "Unable to authenticate you"), (denied["id"].GetString(), denied["message"].GetString()));
        Assert.True(denied.Headers.ContainsKey("ratelimit-remaining"));
        Assert.Equal([200, 429, 500, 401], h.Fake.Requests.All.Select(r => r.Status));
    }
}
