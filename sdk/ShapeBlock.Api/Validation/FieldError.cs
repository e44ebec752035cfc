namespace ShapeBlock.Api.Validation;

/// <summary>Kinds of field errors, named as the Kubernetes API server names them in <c>Status.details.causes[].reason</c>.</summary>
public enum FieldErrorType
{
    /// <summary>A required field is missing.</summary>
    Required,

    /// <summary>The value breaks a rule (pattern, range, CEL rule, format).</summary>
    Invalid,

    /// <summary>The value is not one of the allowed values.</summary>
    NotSupported,

    /// <summary>The value has the wrong JSON type.</summary>
    TypeInvalid,

    /// <summary>A string is longer than allowed.</summary>
    TooLong,

    /// <summary>A list has more items than allowed.</summary>
    TooMany,

    /// <summary>Two list items share the same key.</summary>
    Duplicate,
}

/// <summary>One problem with one field of an object, in the words a real API server uses.</summary>
/// <param name="Field">The field path, e.g. <c>spec.domains[0].host</c>.</param>
/// <param name="Type">The kind of problem.</param>
/// <param name="Detail">What is wrong and, where it helps, how to fix it.</param>
/// <param name="BadValue">The offending value as JSON, when there is one.</param>
public sealed record FieldError(string Field, FieldErrorType Type, string Detail, string? BadValue = null)
{
    /// <summary>The Kubernetes cause reason, e.g. <c>FieldValueInvalid</c>.</summary>
    public string Reason => "FieldValue" + Type;

    /// <summary>The message as the API server formats it, e.g. <c>spec.port: Invalid value: 70000: …</c>.</summary>
    public string Message => Type switch
    {
        FieldErrorType.Required => $"{Field}: Required value" + (Detail.Length > 0 ? $": {Detail}" : ""),
        FieldErrorType.NotSupported => $"{Field}: Unsupported value: {BadValue}: {Detail}",
        FieldErrorType.TooLong => $"{Field}: Too long: {Detail}",
        FieldErrorType.TooMany => $"{Field}: Too many: {Detail}",
        FieldErrorType.Duplicate => $"{Field}: Duplicate value: {BadValue}",
        _ => $"{Field}: Invalid value: {BadValue}: {Detail}",
    };

    /// <inheritdoc />
    public override string ToString() => Message;
}
