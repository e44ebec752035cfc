namespace ShapeBlock.Operator.Relay;

/// <summary>A build log line taken for sending.</summary>
/// <param name="Buffer">The build's buffer, to report the outcome to.</param>
/// <param name="Text">The line.</param>
/// <param name="IsMarker">The line is a drop marker written by the relay.</param>
internal readonly record struct BuildLogItem(BuildLogBuffer Buffer, string Text, bool IsMarker)
{
    public string BuildId => Buffer.BuildId;
}
