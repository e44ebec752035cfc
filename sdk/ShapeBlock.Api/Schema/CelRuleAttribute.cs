namespace ShapeBlock.Api.Schema;

/// <summary>
/// A CEL rule (<c>x-kubernetes-validations</c>) checked by the API server on the annotated object or
/// property. Rules that mention <c>oldSelf</c> are transition rules, checked on update only.
/// </summary>
/// <param name="rule">The CEL expression; <c>self</c> is the annotated value.</param>
/// <param name="message">What the user reads when the rule fails: say what is wrong and how to fix it.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    /// <summary>The CEL expression.</summary>
    public string Rule { get; } = rule;

    /// <summary>The message shown when the rule fails.</summary>
    public string Message { get; } = message;

    /// <summary>Optional JSON path (relative to <c>self</c>) of the field the error is reported on.</summary>
    public string? FieldPath { get; init; }
}
