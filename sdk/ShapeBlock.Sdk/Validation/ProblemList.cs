namespace ShapeBlock.Sdk.Validation;

/// <summary>Collects problems in the order they are found.</summary>
internal sealed class ProblemList
{
    private readonly List<Problem> items = [];

    public IReadOnlyList<Problem> Items => items;

    public void Error(string path, string message, string? field = null) => items.Add(new Problem(path, message) { Field = field });

    public void Warning(string path, string message) => items.Add(new Problem(path, message, Severity.Warning));

    public void Add(Problem problem) => items.Add(problem);

    /// <summary>Reports names used more than once among <paramref name="names"/>.</summary>
    public void Duplicates(string path, string what, IEnumerable<string> names, string? field = null)
    {
        foreach (var group in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Error(path, $"{what} '{group.Key}' is declared {group.Count()} times; names must be unique", field);
        }
    }

    /// <summary>The problems grouped by resource path (in order of first appearance), so schema errors sit next to model ones.</summary>
    public IReadOnlyList<Problem> Grouped()
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var problem in items)
        {
            order.TryAdd(problem.Path, order.Count);
        }

        return [.. items.Select((p, i) => (p, i)).OrderBy(x => order[x.p.Path]).ThenBy(x => x.i).Select(x => x.p)];
    }
}
