namespace ShapeBlock.Operator.Relay.Tests.Infrastructure;

/// <summary>Builders for status messages and their server-side keys.</summary>
internal static class Statuses
{
    private static readonly RelayResourceType[] Types = Enum.GetValues<RelayResourceType>();

    public static StatusMessage App(string name, string status) => new(RelayResourceType.App, name, "proj", status);

    /// <summary>Resource <paramref name="i"/> of a mixed set covering every resource type (Projects and Teams cluster-scoped).</summary>
    public static StatusMessage Resource(int i, string status)
    {
        var type = Types[i % Types.Length];
        var ns = type is RelayResourceType.Project or RelayResourceType.Team ? string.Empty : $"ns{i % 3}";
        return new StatusMessage(type, $"res-{i:D3}", ns, status)
        {
            Message = $"message {status}",
            PodName = type == RelayResourceType.AppBuild ? $"res-{i:D3}-build" : null,
            AppName = type == RelayResourceType.AppBuild ? "app" : null,
            Labels = new Dictionary<string, string> { ["i"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
    }

    public static string Key(StatusMessage status) => $"{status.ResourceType}/{status.Namespace}/{status.Name}";

    /// <summary>True when the server's latest status of each expected resource is the expected one.</summary>
    public static bool Holds(ServerRecording recording, IReadOnlyDictionary<string, string> expected)
    {
        var latest = recording.LatestStatuses();
        return expected.All(e => latest.TryGetValue(e.Key, out var status) && status == e.Value);
    }
}
