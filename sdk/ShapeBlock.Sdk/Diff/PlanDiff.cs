using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Diff;

/// <summary>A plan compared with what exists: one <see cref="ResourceChange"/> per resource, in plan order, deletions last.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Changes">The changes.</param>
/// <param name="AgainstEmptyWorld">True when nothing was read from a cluster or cloud (no credentials, or <c>render</c>).</param>
public sealed record PlanDiff(Plan Plan, IReadOnlyList<ResourceChange> Changes, bool AgainstEmptyWorld)
{
    /// <summary>How many resources each action touches.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The count.</returns>
    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action);

    /// <summary>True when applying would change nothing.</summary>
    public bool IsEmpty => Changes.All(c => c.Action == ChangeAction.Unchanged);

    /// <summary><c>12 to create, 1 to update, 0 to replace, 0 to delete, 3 unchanged</c>.</summary>
    public string Summary =>
        $"{Count(ChangeAction.Create)} to create, {Count(ChangeAction.Update)} to update, {Count(ChangeAction.Replace)} to replace, {Count(ChangeAction.Delete)} to delete, {Count(ChangeAction.Unchanged)} unchanged"
        + (Count(ChangeAction.Unknown) > 0 ? $", {Count(ChangeAction.Unknown)} not read" : "");
}
