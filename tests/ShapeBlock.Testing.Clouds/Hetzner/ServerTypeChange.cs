using System.Text.Json;

namespace ShapeBlock.Testing.Clouds.Hetzner;

/// <summary>
/// <c>POST /servers/{id}/actions/change_type</c> as Hetzner checks it: the server must be off
/// (<c>server_not_stopped</c>), the type must exist (<c>invalid_input</c>), not be deprecated and fit the image's
/// architecture and the server's disk (<c>invalid_server_type</c>); <c>upgrade_disk</c> is required.
/// </summary>
internal static class ServerTypeChange
{
    public static IResult? Check(HetznerState state, ServerEntry server, ServerActionBody request)
    {
        if (request.UpgradeDisk is null)
        {
            return HetznerResults.Invalid("upgrade_disk", "Missing data for required field.");
        }

        if (Find(request.ServerType) is not { } type)
        {
            return HetznerResults.Invalid("server_type", "server type not found");
        }

        if (state.StatusOf(server) != "off")
        {
            return HetznerResults.Error(422, "server_not_stopped", "The action requires a stopped server");
        }

        var disk = server.DiskGb ?? server.Type.Disk;
        if (type.Deprecated || type.Architecture != server.Image.Architecture || type.Disk < disk)
        {
            return HetznerResults.Error(422, "invalid_server_type",
                type.Disk < disk
                    ? $"server type {type.Name} has a {type.Disk} GB disk, smaller than the server's {disk} GB"
                    : $"server type {type.Name} does not fit the server");
        }

        return null;
    }

    public static (ServerType Type, int Disk) Target(ServerEntry server, ServerActionBody request)
    {
        var type = Find(request.ServerType)!;
        return (type, request.UpgradeDisk == true ? type.Disk : server.DiskGb ?? server.Type.Disk);
    }

    private static ServerType? Find(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } s => HetznerCatalog.ServerTypes.FirstOrDefault(t => t.Name == s.GetString()),
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var id) => HetznerCatalog.ServerTypes.FirstOrDefault(t => t.Id == id),
        _ => null,
    };
}
