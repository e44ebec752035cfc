using System.Globalization;
using System.Text.Json;

namespace ShapeBlock.Testing.Clouds.DigitalOcean;

/// <summary>
/// <c>POST /v2/droplets</c> (one <c>name</c> or up to ten <c>names</c>): answers 202 at once with status <c>new</c>;
/// each droplet turns <c>active</c>, with its addresses, when its create action is done and the address provider answered.
/// </summary>
internal static class DropletCreation
{
    public static async Task<IResult> CreateAsync(HttpContext c, DigitalOceanState state, string origin)
    {
        var body = await CloudJson.ReadAsync<DropletCreateRequest>(c);
        if (body.Value is not { } request)
        {
            return DoResults.BadRequest(body.Error!);
        }

        var names = request.Names ?? (request.Name is null ? [] : [request.Name]);
        if (names.Count is 0 or > 10 || (request.Names is not null && request.Name is not null))
        {
            return DoResults.Unprocessable("give either name or names (at most 10)");
        }

        if ((names.Select(DoValidation.DropletName).FirstOrDefault(e => e is not null) ?? DoValidation.Tags(request.Tags)) is { } invalid)
        {
            return invalid;
        }

        var region = DoCatalog.Regions.FirstOrDefault(r => r.Slug == request.Region);
        var size = DoCatalog.Sizes.FirstOrDefault(s => s.Slug == request.Size);
        var imageText = request.Image?.ToString();
        var image = DoCatalog.Images.FirstOrDefault(i => i.Slug == imageText || i.Id.ToString(CultureInfo.InvariantCulture) == imageText);
        if (region is null || size is null || image is null)
        {
            return DoResults.Unprocessable(region is null ? "You specified an invalid region for Droplet creation."
                : size is null ? "You specified an invalid size for Droplet creation." : "You specified an invalid image for Droplet creation.");
        }

        var created = new List<DropletEntry>();
        var actions = new List<ActionEntry>();
        lock (state.Gate)
        {
            if ((request.SshKeys ?? []).Any(k => !KeyExists(state, k)))
            {
                return DoResults.Unprocessable("One or more of the specified SSH keys are invalid.");
            }

            Vpc vpc;
            if (request.VpcUuid is { } vpcId)
            {
                if (!state.VpcMap.TryGetValue(vpcId, out var found) || found.Region != region.Slug)
                {
                    return DoResults.Unprocessable("vpc_uuid must be a VPC in the droplet's region");
                }

                vpc = found;
            }
            else
            {
                vpc = state.DefaultVpc(region.Slug);
            }

            foreach (var tag in request.Tags ?? [])
            {
                state.TagSet.Add(tag); // droplet tags are created on the fly
            }

            foreach (var name in names)
            {
                var id = state.NextDropletId();
                var privateIp = NextPrivateIp(state, vpc);
                var info = new ServerInfo("digitalocean", id.ToString(CultureInfo.InvariantCulture), name, size.Slug, region.Slug, image.Slug,
                    size.Vcpus, size.Memory, new Dictionary<string, string>(), [.. request.Tags ?? []]) { PrivateAddresses = [privateIp] };
                // The address provider runs in the background; the droplet stays "new" until it answered.
                var address = Task.Run(() => state.Options.AddressProvider(info, CancellationToken.None));
                var action = state.NewAction("create", state.Options.CreateOutcome(info), id, region.Slug, address);
                var droplet = new DropletEntry
                {
                    Id = id, Name = name, Size = size, Region = region, Image = image, Tags = [.. (request.Tags ?? []).Distinct()],
                    VpcUuid = vpc.Id, PrivateIp = privateIp, Created = DigitalOceanState.Time(state.Now),
                    CreateAction = action.Action, Address = address, Info = info,
                    Features = request.Monitoring == true ? ["monitoring", "private_networking"] : ["private_networking"],
                };
                state.DropletMap[id] = droplet;
                created.Add(droplet);
                actions.Add(action);
            }

            var links = new
            {
                actions = actions.Select(a => new ActionLink(a.Action.Id, names.Count == 1 ? "create" : "multiple_create", $"{origin}/v2/actions/{a.Action.Id}")).ToList(),
            };
            return request.Names is null
                ? CloudJson.Json(new { droplet = state.ToApi(created[0], asCreated: true), links }, 202)
                : CloudJson.Json(new { droplets = created.Select(d => state.ToApi(d, asCreated: true)).ToList(), links }, 202);
        }
    }

    private static bool KeyExists(DigitalOceanState state, JsonElement key) => key.ValueKind switch
    {
        JsonValueKind.Number => key.TryGetInt64(out var id) && state.KeyMap.ContainsKey(id),
        JsonValueKind.String => state.KeyMap.Values.Any(k => k.Fingerprint == key.GetString() || k.Id.ToString(CultureInfo.InvariantCulture) == key.GetString()),
        _ => false,
    };

    private static string NextPrivateIp(DigitalOceanState state, Vpc vpc)
    {
        Ipv4Cidr.TryParse(vpc.IpRange, out var range);
        var used = state.DropletMap.Values.Where(d => d.VpcUuid == vpc.Id).Select(d => d.PrivateIp).ToHashSet(StringComparer.Ordinal);
        for (var candidate = range.Network + 2; candidate < range.Network + range.Size - 1; candidate++)
        {
            if (!used.Contains(Ipv4Cidr.Format(candidate)))
            {
                return Ipv4Cidr.Format(candidate);
            }
        }

        throw new InvalidOperationException($"VPC {vpc.Name} has no free address left");
    }
}
