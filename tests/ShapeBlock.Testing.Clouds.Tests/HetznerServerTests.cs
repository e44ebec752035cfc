using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace ShapeBlock.Testing.Clouds.Tests;

public sealed class HetznerServerTests
{
    [Fact]
    public async Task Server_create_initializing_then_running_with_address_from_the_provider()
    {
        var asked = new ConcurrentBag<ServerInfo>();
        var options = new FakeCloudOptions
        {
            AddressProvider = (info, _) =>
            {
                asked.Add(info);
                return Task.FromResult("10.250.7.2");
            },
        };
        await using var h = await Harness.HetznerAsync(options);
        var key = (await h.Api.PostAsync("/ssh_keys", new { name = "k", public_key = Harness.PublicKey }))["ssh_key"].GetProperty("id").GetInt64();
        var network = (await h.Api.PostAsync("/networks", new
        {
            name = "net", ip_range = "10.0.0.0/16",
            subnets = new[] { new { type = "cloud", ip_range = "10.0.1.0/24", network_zone = "eu-central" } },
        }))["network"].GetProperty("id").GetInt64();

        var created = (await h.Api.PostAsync("/servers", new
        {
            name = "prod-master-1",
            server_type = "cx22",
            image = "ubuntu-24.04",
            location = "fsn1",
            ssh_keys = new object[] { key },
            networks = new[] { network },
            labels = new Dictionary<string, string> { ["shapeblock.io/cluster"] = "prod", ["shapeblock.io/role"] = "master" },
        })).Expect(HttpStatusCode.Created);

        Assert.Equal(JsonValueKind.Null, created["root_password"].ValueKind);
        var server = created["server"];
        var action = created["action"];
        Assert.Equal("initializing", server.GetProperty("status").GetString());
        Assert.Equal("create_server", action.GetProperty("command").GetString());
        Assert.Equal("running", action.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, action.GetProperty("finished").ValueKind);
        Assert.Equal("start_server", created["next_actions"][0].GetProperty("command").GetString());
        Assert.Equal("10.250.7.2", server.GetProperty("public_net").GetProperty("ipv4").GetProperty("ip").GetString());
        var privateNet = server.GetProperty("private_net")[0];
        Assert.Equal(network, privateNet.GetProperty("network").GetInt64());
        Assert.Equal("10.0.1.1", privateNet.GetProperty("ip").GetString());
        Assert.Equal("cx22", server.GetProperty("server_type").GetProperty("name").GetString());
        Assert.Equal(4, server.GetProperty("server_type").GetProperty("memory").GetDouble());
        Assert.Equal("fsn1", server.GetProperty("location").GetProperty("name").GetString());
        Assert.Equal("fsn1", server.GetProperty("datacenter").GetProperty("location").GetProperty("name").GetString());
        Assert.Equal("ubuntu-24.04", server.GetProperty("image").GetProperty("name").GetString());
        Assert.Equal("master", server.GetProperty("labels").GetProperty("shapeblock.io/role").GetString());

        var info = Assert.Single(asked);
        Assert.Equal(("hetzner", "prod-master-1", 4096, "prod"), (info.Provider, info.Name, info.MemoryMiB, info.Labels["shapeblock.io/cluster"]));

        var id = server.GetProperty("id").GetInt64();
        var finished = await Eventually.Until(
            () => h.Api.GetAsync($"/actions/{action.GetProperty("id").GetInt64()}"),
            r => r["action"].GetProperty("status").GetString() != "running", what: "create_server action");
        Assert.Equal("success", finished["action"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, finished["action"].GetProperty("finished").ValueKind);
        Assert.Equal("running", (await h.Api.GetAsync($"/servers/{id}"))["server"].GetProperty("status").GetString());
        Assert.Equal(id, (await h.Api.GetAsync($"/networks/{network}"))["network"].GetProperty("servers")[0].GetInt64());
    }

    [Fact]
    public async Task Status_follows_the_clock_and_a_stuck_server_waits_for_the_test()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var options = new FakeCloudOptions
        {
            TimeProvider = clock,
            ActionDuration = TimeSpan.FromSeconds(30),
            CreateOutcome = info => info.Name == "stuck" ? ActionOutcome.Hang : info.Name == "broken" ? ActionOutcome.Fail : ActionOutcome.Succeed,
        };
        await using var h = await Harness.HetznerAsync(options);
        async Task<string> Status(long id) => (await h.Api.GetAsync($"/servers/{id}"))["server"].GetProperty("status").GetString()!;
        async Task<long> Create(string name) =>
            (await h.Api.PostAsync("/servers", new { name, server_type = "cx22", image = "ubuntu-24.04" })).Expect(HttpStatusCode.Created)["server"].GetProperty("id").GetInt64();

        var ok = await Create("ok");
        var stuck = await Create("stuck");
        var broken = await Create("broken");
        clock.Advance(TimeSpan.FromSeconds(15));
        var half = (await h.Api.GetAsync($"/actions/{h.Fake.State.CreateActionOf(ok)}"))["action"];
        Assert.Equal(("running", 50), (half.GetProperty("status").GetString(), half.GetProperty("progress").GetInt32()));
        Assert.Equal("initializing", await Status(ok));

        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("running", await Status(ok));
        Assert.Equal("off", await Status(broken));
        var failed = (await h.Api.GetAsync($"/actions/{h.Fake.State.CreateActionOf(broken)}"))["action"];
        Assert.Equal("error", failed.GetProperty("status").GetString());
        Assert.Equal("action_failed", failed.GetProperty("error").GetProperty("code").GetString());

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("initializing", await Status(stuck));
        var hanging = (await h.Api.GetAsync($"/actions/{h.Fake.State.CreateActionOf(stuck)}"))["action"];
        Assert.Equal("running", hanging.GetProperty("status").GetString());
        Assert.True(hanging.GetProperty("progress").GetInt32() < 100);

        h.Fake.State.CompleteAction(h.Fake.State.CreateActionOf(stuck));
        Assert.Equal("running", await Status(stuck));
    }

    [Fact]
    public async Task Delete_returns_an_action_the_server_is_deleting_then_gone_and_the_hook_runs()
    {
        var deleted = new ConcurrentBag<string>();
        var options = new FakeCloudOptions { ServerDeleted = (info, _) => { deleted.Add(info.Name); return Task.CompletedTask; } };
        await using var h = await Harness.HetznerAsync(options);
        var id = (await h.Api.PostAsync("/servers", new { name = "w-1", server_type = "cx22", image = "ubuntu-24.04" }))["server"].GetProperty("id").GetInt64();

        var action = (await h.Api.DeleteAsync($"/servers/{id}")).Expect(HttpStatusCode.OK)["action"];
        Assert.Equal("delete_server", action.GetProperty("command").GetString());
        Assert.Equal(["w-1"], deleted);
        var status = await h.Api.GetAsync($"/servers/{id}");
        Assert.True(status.Status == HttpStatusCode.NotFound || status["server"].GetProperty("status").GetString() == "deleting");
        (await h.Api.DeleteAsync($"/servers/{id}")).Status.ToString(); // second delete: locked or already gone, never a 5xx
        await Eventually.Until(() => h.Api.GetAsync($"/servers/{id}"), r => r.Status == HttpStatusCode.NotFound, what: "server gone");
        Assert.Empty(h.Fake.State.Servers);
    }

    [Fact]
    public async Task Invalid_requests_and_a_failing_address_provider_leave_no_server()
    {
        var fail = true;
        var options = new FakeCloudOptions { AddressProvider = (_, _) => fail ? throw new InvalidOperationException("no host") : Task.FromResult("127.0.0.1") };
        await using var h = await Harness.HetznerAsync(options);
        Assert.Equal("invalid_input", (await h.Api.PostAsync("/servers", new { name = "x", server_type = "cx999", image = "ubuntu-24.04" }))
            .Expect(HttpStatusCode.BadRequest)["error"].GetProperty("code").GetString());
        (await h.Api.PostAsync("/servers", new { name = "not_a_hostname", server_type = "cx22", image = "ubuntu-24.04" })).Expect(HttpStatusCode.BadRequest);
        (await h.Api.PostAsync("/servers", new { name = "x", server_type = "cx22", image = "ubuntu-24.04", ssh_keys = new[] { "missing" } })).Expect(HttpStatusCode.BadRequest);
        (await h.Api.PostAsync("/servers", new { name = "x", server_type = "cax11", image = "ubuntu-24.04" })).Expect(HttpStatusCode.BadRequest);
        (await h.Api.PostAsync("/servers", new { name = "x", server_type = "cx22", image = "ubuntu-24.04", networks = new[] { 42 } })).Expect(HttpStatusCode.BadRequest);

        var failed = (await h.Api.PostAsync("/servers", new { name = "x", server_type = "cx22", image = "ubuntu-24.04" })).Expect(HttpStatusCode.InternalServerError);
        Assert.Contains("no host", failed["error"].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(h.Fake.State.Servers);

        fail = false;
        var created = (await h.Api.PostAsync("/servers", new { name = "x", server_type = "cx22", image = "ubuntu-24.04" })).Expect(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.String, created["root_password"].ValueKind); // no ssh_keys: Hetzner mails/returns a root password
        (await h.Api.PostAsync("/servers", new { name = "x", server_type = "cx22", image = "ubuntu-24.04" })).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Ten_concurrent_creates_get_distinct_private_addresses()
    {
        await using var h = await Harness.HetznerAsync(new FakeCloudOptions { AddressProvider = async (i, ct) => { await Task.Yield(); return "127.0.0.1"; } });
        var network = (await h.Api.PostAsync("/networks", new
        {
            name = "net", ip_range = "10.0.0.0/16", subnets = new[] { new { type = "cloud", ip_range = "10.0.0.0/24", network_zone = "eu-central" } },
        }))["network"].GetProperty("id").GetInt64();
        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            h.Api.PostAsync("/servers", new { name = $"n-{i}", server_type = "cx22", image = "ubuntu-24.04", networks = new[] { network } })));
        Assert.All(results, r => r.Expect(HttpStatusCode.Created));
        var ips = results.Select(r => r["server"].GetProperty("private_net")[0].GetProperty("ip").GetString()).ToList();
        Assert.Equal(10, ips.Distinct().Count());
        Assert.DoesNotContain("10.0.0.1", ips); // the gateway
        Assert.Equal(10, h.Fake.State.Servers.Count);
    }
}
