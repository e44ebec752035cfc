using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Validation;

/// <summary>
/// Checks a whole stack before anything is called: model rules (names, references, masters 1/3/5, duplicates,
/// bindings within a project, secrets that cannot be read) and, on the custom resources the model renders, the
/// same schema the API server enforces. Every problem is reported at once, each with its resource path.
/// </summary>
public static class StackValidator
{
    /// <summary>Validates a stack.</summary>
    /// <param name="stack">The stack.</param>
    /// <param name="resolver">Where secrets are looked up (only whether they can be read; values are never kept).</param>
    /// <returns>Every problem and the missing credentials.</returns>
    public static ValidationReport Validate(Stack stack, SecretResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        resolver ??= SecretResolver.Process;
        var problems = new ProblemList();
        var credentials = new List<string>();

        if (!Rules.IsDnsLabel(stack.Name, 63))
        {
            problems.Error(stack.Name, $"stack name '{stack.Name}' must be a DNS label (lower-case letters, digits and '-', at most 63): it is a label value on every object");
        }

        if (stack.Clusters.Count == 0)
        {
            problems.Warning(stack.Name, "the stack declares no cluster: add one with stack.Add(new Cluster(...))");
        }

        problems.Duplicates(stack.Name, "cluster", stack.Clusters.Select(c => c.Name));
        foreach (var cluster in stack.Clusters)
        {
            ClusterChecks.Check(cluster, problems, credentials, resolver);
            WorkloadChecks.Check(cluster, problems, resolver);
        }

        try
        {
            SchemaChecks.Check(Planner.Create(stack), problems);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException)
        {
            // The model is too broken to render; the model checks above already say why.
            problems.Error(stack.Name, $"the model cannot be planned until the problems above are fixed ({e.GetType().Name})");
        }

        return new ValidationReport(problems.Grouped(), credentials);
    }
}
