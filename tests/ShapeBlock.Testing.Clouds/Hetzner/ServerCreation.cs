using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>
/// <c>POST /v1/servers</c>: validates like the real API, reserves the name, asks the address provider for the
/// public IPv4 (e.g. a real SSH host) and answers <c>{server, action, next_actions, root_password}</c>.
/// </summary>
internal static class ServerCreation
{
    public static async Task<IResult> CreateAsync(HttpContext c, HetznerState state)
    {
        var body = await CloudJson.ReadAsync<ServerCreateRequest>(c);
        if (body.Value is not { } request)
        {
            return HetznerResults.JsonError(body.Error!);
        }

        if ((HetznerValidation.Name(request.Name, hostname: true) ?? HetznerValidation.Labels(request.Labels)) is { } invalid)
        {
            return invalid;
        }

        var type = Find(request.ServerType, HetznerCatalog.ServerTypes, t => t.Id, t => t.Name);
        var image = Find(request.Image, HetznerCatalog.Images, i => i.Id, i => i.Name);
        var locationName = request.Location ?? request.Datacenter?.Split('-')[0] ?? "fsn1";
        var location = HetznerCatalog.Locations.FirstOrDefault(l => l.Name == locationName);
        var problem = type is null ? ("server_type", "unknown server type")
            : image is null ? ("image", "unknown image")
            : location is null ? ("location", $"unknown location '{locationName}'")
            : image.Architecture != type.Architecture ? ("image", $"image architecture {image.Architecture} does not match server type {type.Name}")
            : ((string, string)?)null;
        if (problem is { } p)
        {
            return HetznerResults.Invalid(p.Item1, p.Item2);
        }

        ServerEntry entry;
        SimulatedAction create;
        SimulatedAction? start = null;
        var keys = request.SshKeys ?? [];
        lock (state.Gate)
        {
            state.Sweep();
            if (state.ServerMap.Values.Any(s => s.Name == request.Name))
            {
                return HetznerResults.Uniqueness("name", "server with the same name already exists");
            }

            if (keys.FirstOrDefault(k => !KeyExists(state, k)) is { ValueKind: not JsonValueKind.Undefined } missing)
            {
                return HetznerResults.Invalid("ssh_keys", $"SSH key {missing} not found");
            }

            var references = CheckReferences(state, request);
            if (references is not null)
            {
                return references;
            }

            var id = state.NextId();
            var labels = request.Labels ?? [];
            var info = new ServerInfo("hetzner", id.ToString(CultureInfo.InvariantCulture), request.Name!, type!.Name, location!.Name, image!.Name,
                type.Cores, (int)(type.Memory * 1024), labels, []);
            create = state.NewAction("create_server", state.Options.CreateOutcome(info), null, ("server", id));
            entry = new ServerEntry
            {
                Id = id, Name = request.Name!, Type = type, Location = location, Image = image, Labels = labels,
                Created = HetznerState.Time(state.Now), CreateAction = create, Info = info,
                Ipv4Enabled = request.PublicNet?.EnableIpv4 ?? true, Ipv6Enabled = request.PublicNet?.EnableIpv6 ?? true,
                StartAfterCreate = request.StartAfterCreate ?? true, PlacementGroupId = request.PlacementGroup,
            };
            foreach (var networkId in (request.Networks ?? []).Distinct())
            {
                var (ip, error) = PrivateAddressing.Allocate(state, state.NetworkMap[networkId], location.NetworkZone);
                if (ip is null)
                {
                    return HetznerResults.Invalid("networks", error!);
                }

                entry.PrivateNets.Add(new ServerPrivateNet(networkId, ip, [], PrivateAddressing.Mac(id, networkId)));
            }

            entry.Info = info with { PrivateAddresses = [.. entry.PrivateNets.Select(n => n.Ip)] };

            foreach (var firewallId in (request.Firewalls ?? []).Select(f => f.Firewall).Distinct())
            {
                var firewall = state.FirewallMap[firewallId];
                state.FirewallMap[firewallId] = firewall with { AppliedTo = [.. firewall.AppliedTo, new FirewallResource("server") { Server = new IdReference(id) }] };
            }

            state.ServerMap[id] = entry; // reserves the name while the address provider works
            if (entry.StartAfterCreate)
            {
                start = state.NewAction("start_server", ActionOutcome.Succeed, null, ("server", id));
            }
        }

        string? address = null;
        if (entry.Ipv4Enabled)
        {
            try
            {
                address = await state.Options.AddressProvider(entry.Info, CancellationToken.None);
            }
            catch (Exception e)
            {
                lock (state.Gate)
                {
                    state.ServerMap.Remove(entry.Id);
                    state.ActionMap.Remove(create.Id);
                    foreach (var firewall in state.FirewallMap.Values.ToList())
                    {
                        state.FirewallMap[firewall.Id] = firewall with { AppliedTo = [.. firewall.AppliedTo.Where(a => a.Server?.Id != entry.Id)] };
                    }
                }

                return HetznerResults.Error(500, "service_error", "could not provide an address for the server: " + e.Message);
            }
        }

        lock (state.Gate)
        {
            entry.Ipv4 = address;
            entry.Ready = true;
            var password = keys.Count == 0 ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)) : null;
            return CloudJson.Json(
                new
                {
                    server = state.ToApi(entry, asCreated: true),
                    action = state.ToApi(create, asCreated: true),
                    next_actions = start is null ? [] : new[] { state.ToApi(start, asCreated: true) },
                    root_password = password,
                },
                201);
        }
    }

    private static IResult? CheckReferences(HetznerState state, ServerCreateRequest request)
    {
        if ((request.Networks ?? []).FirstOrDefault(n => !state.NetworkMap.ContainsKey(n)) is > 0 and var network)
        {
            return HetznerResults.Invalid("networks", $"network {network} not found");
        }

        if ((request.Firewalls ?? []).FirstOrDefault(f => !state.FirewallMap.ContainsKey(f.Firewall)) is { } firewall)
        {
            return HetznerResults.Invalid("firewalls", $"firewall {firewall.Firewall} not found");
        }

        if (request.PlacementGroup is { } group)
        {
            if (!state.PlacementGroupMap.ContainsKey(group))
            {
                return HetznerResults.Invalid("placement_group", $"placement group {group} not found");
            }

            if (state.ServerMap.Values.Count(s => s.PlacementGroupId == group) >= 10)
            {
                return HetznerResults.Error(422, "placement_error", "a spread placement group holds at most 10 servers");
            }
        }

        return null;
    }

    private static bool KeyExists(HetznerState state, JsonElement key) => key.ValueKind switch
    {
        JsonValueKind.Number => key.TryGetInt64(out var id) && state.SshKeyMap.ContainsKey(id),
        JsonValueKind.String => state.SshKeyMap.Values.Any(k => k.Name == key.GetString() || k.Id.ToString(CultureInfo.InvariantCulture) == key.GetString()),
        _ => false,
    };

    /// <summary>Resolves an "ID or name" field, as the real API accepts both.</summary>
    private static T? Find<T>(JsonElement? value, IReadOnlyList<T> items, Func<T, long> id, Func<T, string> name)
        where T : class => value switch
        {
            { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var n) => items.FirstOrDefault(i => id(i) == n),
            { ValueKind: JsonValueKind.String } v => items.FirstOrDefault(i => name(i) == v.GetString() || id(i).ToString(CultureInfo.InvariantCulture) == v.GetString()),
            _ => null,
        };
}
