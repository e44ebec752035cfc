using System.Text.Json.Nodes;
using ShapeBlock.Api.Validation;
using ShapeBlock.Testing.Kubernetes.Resources;

namespace ShapeBlock.Testing.Kubernetes.Semantics;

/// <summary>How unknown fields are reported (<c>fieldValidation</c> query parameter).</summary>
public enum FieldValidation
{
    /// <summary>Pruned silently.</summary>
    Ignore,

    /// <summary>Pruned, with a <c>Warning</c> response header per field (the server default).</summary>
    Warn,

    /// <summary>Rejected with 400 BadRequest (kubectl's default <c>--validate=strict</c>).</summary>
    Strict,
}

/// <summary>Validates custom resources against their CRD schema with the foundation's <see cref="SchemaValidator"/>.</summary>
internal static class CustomResourceValidation
{
    /// <summary>Validates, prunes and defaults an object; throws the API server's 422 (or 400 for strict unknown fields).</summary>
    /// <returns>The pruned, defaulted object and the unknown-field warnings.</returns>
    public static (JsonObject Object, IReadOnlyList<string> Warnings) Validate(ApiResource resource, JsonObject obj, JsonObject? old, FieldValidation mode)
    {
        if (resource.Schema is null)
        {
            return (obj, []);
        }

        var result = SchemaValidator.Validate(resource.Schema, obj, old);
        var pruned = (JsonObject)Check(resource, Meta.Name(obj), result, mode);

        // The validator leaves metadata alone; the API server keeps it as sent.
        pruned["metadata"] = obj["metadata"]?.DeepClone();
        return (pruned, mode == FieldValidation.Ignore ? [] : result.Warnings);
    }

    /// <summary>
    /// <see cref="Validate"/> for a status-subresource write: <paramref name="next"/> is the stored object with only
    /// its status replaced, and everything else was validated when it was stored, so only the status schema is walked
    /// (the root's rules still run on the whole object). Falls back to the full validation when the status is absent.
    /// </summary>
    /// <returns><paramref name="next"/> (its status pruned and defaulted in place) and the unknown-field warnings.</returns>
    public static (JsonObject Object, IReadOnlyList<string> Warnings) ValidateStatus(ApiResource resource, JsonObject next, JsonObject old, FieldValidation mode)
    {
        if (resource.Schema is not { } schema || schema["properties"]?["status"] is not JsonObject || next["status"] is null)
        {
            return Validate(resource, next, old, mode);
        }

        var result = SchemaValidator.ValidateProperty(schema, next, old, "status");
        Check(resource, Meta.Name(next), result, mode);
        return (next, mode == FieldValidation.Ignore ? [] : result.Warnings);
    }

    private static JsonNode Check(ApiResource resource, string name, ValidationResult result, FieldValidation mode)
    {
        // Strict decoding fails before validation, as on a real server.
        if (mode == FieldValidation.Strict && result.Warnings.Count > 0)
        {
            throw ApiException.BadRequest(
                $"{resource.Kind} in version \"{resource.Version}\" cannot be handled as a {resource.Kind}: strict decoding error: {string.Join(", ", result.Warnings)}");
        }

        if (!result.IsValid)
        {
            throw ApiException.Invalid(resource, name, [.. result.Errors.Select(e => Cause.FromFieldMessage(e.Reason, e.Message, e.Field))]);
        }

        return result.Object;
    }
}
