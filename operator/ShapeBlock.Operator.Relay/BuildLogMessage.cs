using System.Text.Json.Serialization;

namespace ShapeBlock.Operator.Relay;

/// <summary>One build log line on the wire: <c>{"type":"BUILD_LOG","buildId":"…","log":"…"}</c>.</summary>
/// <param name="BuildId">The AppBuild the line belongs to.</param>
/// <param name="Log">The line.</param>
public sealed record BuildLogMessage(
    [property: JsonPropertyOrder(1)] string BuildId,
    [property: JsonPropertyOrder(2)] string Log)
{
    /// <summary>The value of the <c>type</c> field of every build log message.</summary>
    public const string MessageType = "BUILD_LOG";

    /// <summary>Always <see cref="MessageType"/>: the server tells log messages from statuses by it.</summary>
    [JsonPropertyOrder(0)]
    public string Type => MessageType;
}
