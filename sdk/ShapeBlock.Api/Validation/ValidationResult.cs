using System.Text.Json.Nodes;

namespace ShapeBlock.Api.Validation;

/// <summary>The outcome of validating an object against a CRD schema.</summary>
/// <param name="Object">The object after pruning unknown fields and applying defaults (a copy; the input is not changed).</param>
/// <param name="Errors">Every problem found; empty when the object is valid.</param>
/// <param name="Warnings">Unknown fields that were pruned, as <c>unknown field "spec.x"</c>.</param>
public sealed record ValidationResult(JsonNode Object, IReadOnlyList<FieldError> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// The API server's summary message, e.g.
    /// <c>App.apps.shapeblock.io "web" is invalid: [spec.port: Invalid value: …, …]</c>.
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <param name="group">The API group.</param>
    /// <param name="name">The object name.</param>
    /// <returns>The message.</returns>
    public string Summary(string kind, string group, string name)
    {
        var prefix = $"{kind}.{group} \"{name}\" is invalid: ";
        return Errors.Count == 1 ? prefix + Errors[0].Message : prefix + "[" + string.Join(", ", Errors.Select(e => e.Message)) + "]";
    }
}
