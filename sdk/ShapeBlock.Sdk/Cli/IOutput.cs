using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Rendering;
using ShapeBlock.Sdk.Validation;

namespace ShapeBlock.Sdk.Cli;

/// <summary>How a run reports: Spectre.Console on a terminal, plain lines otherwise, NDJSON with <c>--json</c>.</summary>
internal interface IOutput : IEngineReporter
{
    void Start(CommandOptions options);

    void Notice(string message);

    void Problems(ValidationReport report);

    void Preview(PlanDiff diff);

    void Files(IReadOnlyList<RenderedFile> files, string directory);

    void Failure(string message);

    void Status(IReadOnlyList<StatusRow> rows);

    void Kubeconfig(ClusterConnection connection, string kubeconfig);

    void Result(CommandOptions options, int exitCode, PlanDiff? diff, EngineTally tally);
}

/// <summary>Counts what <c>up</c> and <c>destroy</c> did, for the closing line and the JSON result.</summary>
internal sealed class EngineTally
{
    private readonly int[] counts = new int[Enum.GetValues<EngineEventKind>().Length];

    public bool Used { get; private set; }

    public void Add(EngineEventKind kind)
    {
        Used = true;
        Interlocked.Increment(ref counts[(int)kind]);
    }

    public int this[EngineEventKind kind] => Volatile.Read(ref counts[(int)kind]);

    /// <summary><c>3 created, 1 updated, 40 unchanged, 2 deleted</c>.</summary>
    public override string ToString() =>
        $"{this[EngineEventKind.Created]} created, {this[EngineEventKind.Updated]} updated, {this[EngineEventKind.Unchanged]} unchanged, {this[EngineEventKind.Deleted]} deleted"
        + (this[EngineEventKind.Failed] > 0 ? $", {this[EngineEventKind.Failed]} failed" : "");
}

/// <summary>Shared wording of previews.</summary>
internal static class PreviewText
{
    public static string Symbol(ChangeAction action) => action switch
    {
        ChangeAction.Create => "+",
        ChangeAction.Update => "~",
        ChangeAction.Replace => "±",
        ChangeAction.Delete => "-",
        ChangeAction.Unknown => "?",
        _ => "=",
    };

    public static string Verb(ChangeAction action) => action switch
    {
        ChangeAction.Create => "create",
        ChangeAction.Update => "update",
        ChangeAction.Replace => "replace",
        ChangeAction.Delete => "delete",
        ChangeAction.Unknown => "unknown",
        _ => "unchanged",
    };

    /// <summary>The changes grouped by cluster and step, in plan order; deletions in a last group.</summary>
    public static IEnumerable<(string Cluster, IEnumerable<(Planning.PlanStep? Step, IReadOnlyList<ResourceChange> Changes)> Steps)> Groups(PlanDiff diff)
    {
        var byStep = diff.Changes.Where(c => c.StepId is not null).GroupBy(c => c.StepId!).ToDictionary(g => g.Key, g => (IReadOnlyList<ResourceChange>)[.. g]);
        foreach (var cluster in diff.Plan.Steps.Select(s => s.Cluster).Distinct())
        {
            yield return (cluster, diff.Plan.Steps.Where(s => s.Cluster == cluster && byStep.ContainsKey(s.Id)).Select(s => ((Planning.PlanStep?)s, byStep[s.Id])));
        }

        var deletions = diff.Changes.Where(c => c.StepId is null).ToList();
        if (deletions.Count > 0)
        {
            yield return ("no longer declared", [(null, deletions)]);
        }
    }

    public static bool ShowFields(ResourceChange change, bool verbose) =>
        change.Action is ChangeAction.Update or ChangeAction.Replace || (verbose && change.Action == ChangeAction.Create);
}
