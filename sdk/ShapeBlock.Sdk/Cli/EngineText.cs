using ShapeBlock.Sdk.Engine;

namespace ShapeBlock.Sdk.Cli;

/// <summary>Shared wording of engine progress and status.</summary>
internal static class EngineText
{
    public static string Symbol(EngineEventKind kind) => kind switch
    {
        EngineEventKind.Created => "+",
        EngineEventKind.Updated => "~",
        EngineEventKind.Unchanged => "=",
        EngineEventKind.Deleted => "-",
        EngineEventKind.Kept => "!",
        EngineEventKind.Waiting => "…",
        EngineEventKind.Ready => "✓",
        EngineEventKind.Phase => "»",
        EngineEventKind.Log => "|",
        _ => "✗",
    };

    public static string Line(EngineEvent e) => e.Kind switch
    {
        EngineEventKind.Created or EngineEventKind.Updated or EngineEventKind.Unchanged or EngineEventKind.Deleted => $"{e.Subject} {e.Message} ({e.Cluster})",
        EngineEventKind.Kept => $"{e.Subject} {e.Message} ({e.Cluster})",
        EngineEventKind.Log => $"{e.Subject.Split(' ')[^1]}: {e.Message}",
        _ => $"{e.Cluster}: {e.Message}",
    };

    public static string Title(string command, int exitCode) => (command, exitCode == ExitCodes.Ok) switch
    {
        ("destroy", true) => "Destroyed",
        ("destroy", false) => "Destroy stopped",
        (_, true) => "Applied",
        _ => "Stopped",
    };

    /// <summary>Header row first.</summary>
    public static List<string[]> StatusTable(IReadOnlyList<StatusRow> rows)
    {
        var table = new List<string[]> { new[] { "CLUSTER", "KIND", "NAME", "PHASE", "URL", "MESSAGE" } };
        table.AddRange(rows.Select(r => new[] { r.Cluster, r.Kind, r.Name, r.Phase, r.Url ?? "", r.Message ?? "" }));
        return table;
    }
}
