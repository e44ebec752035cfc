using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Provisioning.Cloud;

namespace ShapeBlock.Sdk.Provisioning.DigitalOcean;

/// <summary>Droplet resize: power off, <c>resize</c> with the disk, power on.</summary>
internal sealed partial class DigitalOceanCloud
{
    public async Task<int?> SizeDiskGbAsync(string size, CancellationToken ct) =>
        (await api.ListAsync("sizes", "sizes", [], ct).ConfigureAwait(false)).FirstOrDefault(s => s["slug"]?.GetValue<string>() == size)?["disk"]?.GetValue<int>();

    public async Task<CloudMachine> ResizeMachineAsync(CloudMachine machine, string size, CancellationToken ct)
    {
        // A resize still running (an interrupted up) locks the droplet: let it finish first.
        var json = await DropletAsync(machine.Id, ct).ConfigureAwait(false);
        var deadline = options.Time.GetUtcNow() + options.ActionTimeout;
        while (json["locked"]?.GetValue<bool>() == true)
        {
            if (options.Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"DigitalOcean droplet {machine.Name} ({machine.Id}) is still locked by a pending event after {options.ActionTimeout.TotalSeconds:0} s. Run up again to continue.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
            json = await DropletAsync(machine.Id, ct).ConfigureAwait(false);
        }

        var droplet = ToMachine(json);
        if (droplet.Size != size)
        {
            // DigitalOcean resizes only droplets that are off: a clean shutdown first, power_off if that does not finish
            // within half the action timeout.
            if (droplet.Status != "off")
            {
                await ActAsync(machine, new JsonObject { ["type"] = "shutdown" }, "shutting down", ct).ConfigureAwait(false);
                if (!await WaitForStatusAsync(machine, "off", options.ActionTimeout / 2, ct).ConfigureAwait(false))
                {
                    await ActAsync(machine, new JsonObject { ["type"] = "power_off" }, "powering off", ct).ConfigureAwait(false);
                    if (!await WaitForStatusAsync(machine, "off", options.ActionTimeout, ct).ConfigureAwait(false))
                    {
                        throw new ProvisioningException($"DigitalOcean droplet {machine.Name} ({machine.Id}) does not switch off for its resize to {size}. Fix: check it in the control panel; run up again to continue.");
                    }
                }
            }

            // disk: true — the disk grows with the size (permanent; a resize to a smaller disk is refused before this).
            await ActAsync(machine, new JsonObject { ["type"] = "resize", ["size"] = size, ["disk"] = true }, $"resizing to {size}", ct).ConfigureAwait(false);
        }

        if (ToMachine(await DropletAsync(machine.Id, ct).ConfigureAwait(false)).Status == "off")
        {
            await ActAsync(machine, new JsonObject { ["type"] = "power_on" }, "powering on", ct).ConfigureAwait(false);
        }

        deadline = options.Time.GetUtcNow() + options.ServerReadyTimeout;
        while (true)
        {
            var current = ToMachine(await DropletAsync(machine.Id, ct).ConfigureAwait(false));
            if (current.Status == "active" && current.PublicAddress is not null && current.PrivateAddress is not null)
            {
                return current;
            }

            if (options.Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"DigitalOcean droplet {machine.Name} ({machine.Id}) is still '{current.Status}' {options.ServerReadyTimeout.TotalSeconds:0} s after its resize to {size}. Fix: check it in the control panel; run up again to continue.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Posts a droplet action and polls it (<c>/v2/actions/{id}</c>) until it completes.</summary>
    private async Task ActAsync(CloudMachine machine, JsonObject body, string what, CancellationToken ct)
    {
        var action = (await api.PostAsync($"droplets/{machine.Id}/actions", body, ct).ConfigureAwait(false))?["action"];
        var id = action?["id"]?.GetValue<long>() ?? throw new ProvisioningException($"DigitalOcean answered the {body["type"]} of droplet {machine.Name} without an action.");
        var deadline = options.Time.GetUtcNow() + options.ActionTimeout;
        while (true)
        {
            switch (action?["status"]?.GetValue<string>())
            {
                case "completed":
                    return;
                case "errored":
                    throw new ProvisioningException($"DigitalOcean action {body["type"]} ({id}) {what} droplet {machine.Name} errored. Run up again to retry.");
            }

            if (options.Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"DigitalOcean action {body["type"]} ({id}) {what} droplet {machine.Name} is still in progress after {options.ActionTimeout.TotalSeconds:0} s. Run up again: it continues where it stopped.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
            action = (await api.GetAsync($"actions/{id}", ct).ConfigureAwait(false))?["action"];
        }
    }

    private async Task<JsonObject> DropletAsync(string id, CancellationToken ct) =>
        (await api.GetAsync($"droplets/{id}", ct).ConfigureAwait(false))?["droplet"]?.AsObject()
            ?? throw new ProvisioningException($"DigitalOcean droplet {id} is gone. Run up again.");

    private async Task<bool> WaitForStatusAsync(CloudMachine machine, string status, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = options.Time.GetUtcNow() + timeout;
        while (ToMachine(await DropletAsync(machine.Id, ct).ConfigureAwait(false)).Status != status)
        {
            if (options.Time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
        }

        return true;
    }
}
