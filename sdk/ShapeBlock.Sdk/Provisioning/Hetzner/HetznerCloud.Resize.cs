using System.Text.Json.Nodes;
using ShapeBlock.Sdk.Provisioning.Cloud;

namespace ShapeBlock.Sdk.Provisioning.Hetzner;

/// <summary>Server type changes: shutdown, <c>change_type</c> with the disk upgraded, power on.</summary>
internal sealed partial class HetznerCloud
{
    public async Task<int?> SizeDiskGbAsync(string size, CancellationToken ct) =>
        (await api.ListAsync("server_types", [("name", size)], ct).ConfigureAwait(false)).FirstOrDefault()?["disk"]?.GetValue<int>();

    public async Task<CloudMachine> ResizeMachineAsync(CloudMachine machine, string size, CancellationToken ct)
    {
        // A type change still running (an interrupted up) locks the server: let it finish first.
        var server = await ServerAsync(machine.Id, ct).ConfigureAwait(false);
        var deadline = options.Time.GetUtcNow() + options.ActionTimeout;
        while (server["locked"]?.GetValue<bool>() == true || server["status"]?.GetValue<string>() == "migrating")
        {
            if (options.Time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"Hetzner server {machine.Name} ({machine.Id}) is still locked by another action after {options.ActionTimeout.TotalSeconds:0} s. Run up again to continue.");
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
            server = await ServerAsync(machine.Id, ct).ConfigureAwait(false);
        }

        if (ToMachine(server).Size != size)
        {
            // The type can only change while the server is off: a clean ACPI shutdown first, a hard power-off if that
            // does not finish within half the action timeout.
            if (server["status"]?.GetValue<string>() != "off")
            {
                var shutdown = await api.PostAsync($"servers/{machine.Id}/actions/shutdown", null, ct).ConfigureAwait(false);
                await api.WaitForActionAsync(shutdown?["action"], $"shutting down server {machine.Name}", options.ActionTimeout, ct).ConfigureAwait(false);
                if (!await WaitForStatusAsync(machine, "off", options.ActionTimeout / 2, ct).ConfigureAwait(false))
                {
                    var off = await api.PostAsync($"servers/{machine.Id}/actions/poweroff", null, ct).ConfigureAwait(false);
                    await api.WaitForActionAsync(off?["action"], $"powering off server {machine.Name}", options.ActionTimeout, ct).ConfigureAwait(false);
                    if (!await WaitForStatusAsync(machine, "off", options.ActionTimeout, ct).ConfigureAwait(false))
                    {
                        throw new ProvisioningException($"Hetzner server {machine.Name} ({machine.Id}) does not switch off for its type change to {size}. Fix: check it in the Hetzner console; run up again to continue.");
                    }
                }
            }

            // upgrade_disk: the disk grows with the type (a downgrade to a smaller disk is refused before we get here).
            var change = await api.PostAsync($"servers/{machine.Id}/actions/change_type", new JsonObject { ["server_type"] = size, ["upgrade_disk"] = true }, ct).ConfigureAwait(false);
            await api.WaitForActionAsync(change?["action"], $"changing the type of server {machine.Name} to {size}", options.ActionTimeout, ct).ConfigureAwait(false);
        }

        // A type change leaves the server off; starting it (and waiting for its addresses) is WaitUntilRunningAsync's.
        return await WaitUntilRunningAsync(await ServerAsync(machine.Id, ct).ConfigureAwait(false), null, null, ct).ConfigureAwait(false);
    }

    private async Task<JsonObject> ServerAsync(string id, CancellationToken ct) =>
        (await api.GetAsync($"servers/{id}", ct).ConfigureAwait(false))?["server"]?.AsObject()
            ?? throw new ProvisioningException($"Hetzner server {id} is gone. Run up again.");

    private async Task<bool> WaitForStatusAsync(CloudMachine machine, string status, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = options.Time.GetUtcNow() + timeout;
        while (true)
        {
            if ((await ServerAsync(machine.Id, ct).ConfigureAwait(false))["status"]?.GetValue<string>() == status)
            {
                return true;
            }

            if (options.Time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(options.PollInterval, options.Time, ct).ConfigureAwait(false);
        }
    }
}
