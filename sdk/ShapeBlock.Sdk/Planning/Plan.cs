namespace ShapeBlock.Sdk.Planning;

/// <summary>
/// What a stack wants, as pure data: the ordered, dependency-linked steps (every dependency comes earlier)
/// and the objects they apply. Making a plan does no I/O.
/// </summary>
/// <param name="Stack">The stack name.</param>
/// <param name="Steps">The steps in apply order.</param>
public sealed record Plan(string Stack, IReadOnlyList<PlanStep> Steps)
{
    /// <summary>Values known only after <c>up</c> appear in the plan as <c>${name}</c>; this lists them with what they are.</summary>
    public IReadOnlyDictionary<string, string> Unknowns { get; init; } = new Dictionary<string, string>();

    /// <summary>Every Kubernetes object of the plan, in apply order.</summary>
    public IEnumerable<DesiredObject> Objects => Steps.SelectMany(s => s.Objects);

    /// <summary>Finds a step by id.</summary>
    /// <param name="id">The step id.</param>
    /// <returns>The step, or null.</returns>
    public PlanStep? Find(string id) => Steps.FirstOrDefault(s => s.Id == id);
}
