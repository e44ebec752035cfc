using System.Collections.Concurrent;

namespace ShapeBlock.Testing.Clouds.Tests;

/// <summary>
/// Hetzner <c>change_type</c> and DigitalOcean <c>resize</c>: only on a machine that is off, answered as a running
/// action that locks the machine, the new type (and disk) applied when it completes, a smaller disk refused; power
/// changes reported to <see cref="FakeCloudOptions.PowerChanged"/> with the machine's current memory.
/// </summary>
public sealed class TypeChangeTests
{
    [Fact]
    public async Task Hetzner_change_type_needs_a_stopped_server_locks_it_and_grows_the_disk()
    {
        var power = new ConcurrentQueue<(bool On, int MemoryMiB)>();
        // Actions last long enough that the server is surely still migrating when the test looks.
        var options = new FakeCloudOptions { ActionDuration = TimeSpan.FromSeconds(2), PowerChanged = (info, on, _) => { power.Enqueue((on, info.MemoryMiB)); return Task.CompletedTask; } };
        await using var h = await Harness.HetznerAsync(options);
        var id = (await h.Api.PostAsync("/servers", new { name = "w-1", server_type = "cx22", image = "ubuntu-24.04" })).Expect(HttpStatusCode.Created)["server"].GetProperty("id").GetInt64();
        async Task<JsonElement> Server() => (await h.Api.GetAsync($"/servers/{id}"))["server"];
        await Eventually.Until(Server, s => s.GetProperty("status").GetString() == "running", what: "server running");

        var running = await h.Api.PostAsync($"/servers/{id}/actions/change_type", new { server_type = "cx32", upgrade_disk = true });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "server_not_stopped"), (running.Status, running["error"].GetProperty("code").GetString()));

        (await h.Api.PostAsync($"/servers/{id}/actions/shutdown", new { })).Expect(HttpStatusCode.Created);
        Assert.Equal("off", (await Server()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Api.PostAsync($"/servers/{id}/actions/change_type", new { server_type = "cx32" })).Status);
        var arm = await h.Api.PostAsync($"/servers/{id}/actions/change_type", new { server_type = "cax11", upgrade_disk = true });
        Assert.Equal("invalid_server_type", arm["error"].GetProperty("code").GetString());

        var action = (await h.Api.PostAsync($"/servers/{id}/actions/change_type", new { server_type = "cx32", upgrade_disk = true })).Expect(HttpStatusCode.Created)["action"];
        Assert.Equal(("change_server_type", "running"), (action.GetProperty("command").GetString(), action.GetProperty("status").GetString()));
        var migrating = await Server();
        Assert.Equal(("migrating", true), (migrating.GetProperty("status").GetString(), migrating.GetProperty("locked").GetBoolean()));
        var locked = await h.Api.PostAsync($"/servers/{id}/actions/poweron", new { });
        Assert.Equal((HttpStatusCode.Locked, "locked"), (locked.Status, locked["error"].GetProperty("code").GetString()));

        var actionId = action.GetProperty("id").GetInt64();
        await Eventually.Until(async () => (await h.Api.GetAsync($"/actions/{actionId}"))["action"].GetProperty("status").GetString(), s => s == "success", what: "change_type done");
        var changed = await Server();
        Assert.Equal(("off", "cx32", 80, false), (changed.GetProperty("status").GetString(), changed.GetProperty("server_type").GetProperty("name").GetString(), changed.GetProperty("primary_disk_size").GetInt32(), changed.GetProperty("locked").GetBoolean()));

        (await h.Api.PostAsync($"/servers/{id}/actions/poweron", new { })).Expect(HttpStatusCode.Created);
        Assert.Equal([(false, 4096), (true, 8192)], power.ToArray());

        // 80 GB do not fit cx22's 40 GB.
        (await h.Api.PostAsync($"/servers/{id}/actions/poweroff", new { })).Expect(HttpStatusCode.Created);
        var shrink = await h.Api.PostAsync($"/servers/{id}/actions/change_type", new { server_type = "cx22", upgrade_disk = false });
        Assert.Equal("invalid_server_type", shrink["error"].GetProperty("code").GetString());
    }

    [Fact]
    public async Task DigitalOcean_resize_needs_a_droplet_that_is_off_and_applies_size_and_disk_when_done()
    {
        // Actions last long enough that the droplet is surely still locked when the test looks (50 ms did not under load).
        await using var h = await Harness.DigitalOceanAsync(new FakeCloudOptions { ActionDuration = TimeSpan.FromSeconds(2) });
        var id = (await h.Api.PostAsync("/droplets", new { name = "w-1", region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64" })).Expect(HttpStatusCode.Accepted)["droplet"].GetProperty("id").GetInt64();
        async Task<JsonElement> Droplet() => (await h.Api.GetAsync($"/droplets/{id}"))["droplet"];
        await Eventually.Until(Droplet, d => d.GetProperty("status").GetString() == "active", what: "droplet active");

        var on = await h.Api.PostAsync($"/droplets/{id}/actions", new { type = "resize", size = "s-4vcpu-8gb", disk = true });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "unprocessable_entity"), (on.Status, on["id"].GetString()));

        (await h.Api.PostAsync($"/droplets/{id}/actions", new { type = "power_off" })).Expect(HttpStatusCode.Created);
        var action = (await h.Api.PostAsync($"/droplets/{id}/actions", new { type = "resize", size = "s-4vcpu-8gb", disk = true })).Expect(HttpStatusCode.Created)["action"];
        Assert.Equal(("resize", "in-progress"), (action.GetProperty("type").GetString(), action.GetProperty("status").GetString()));
        Assert.True((await Droplet()).GetProperty("locked").GetBoolean());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await h.Api.PostAsync($"/droplets/{id}/actions", new { type = "power_on" })).Status);

        var actionId = action.GetProperty("id").GetInt64();
        await Eventually.Until(async () => (await h.Api.GetAsync($"/actions/{actionId}"))["action"].GetProperty("status").GetString(), s => s == "completed", what: "resize done");
        var resized = await Droplet();
        Assert.Equal(("off", "s-4vcpu-8gb", 160, 8192, false), (resized.GetProperty("status").GetString(), resized.GetProperty("size_slug").GetString(),
            resized.GetProperty("disk").GetInt32(), resized.GetProperty("memory").GetInt32(), resized.GetProperty("locked").GetBoolean()));

        var shrink = await h.Api.PostAsync($"/droplets/{id}/actions", new { type = "resize", size = "s-2vcpu-4gb", disk = false });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shrink.Status);
        Assert.Contains("cannot shrink", shrink["message"].GetString(), StringComparison.Ordinal);
    }
}
