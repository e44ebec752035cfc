using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeBlock.Api.Validation.Cel;

namespace ShapeBlock.Api.Validation;

/// <summary>
/// Validates an object against a CRD's structural OpenAPI v3 schema the way the Kubernetes API server
/// does: nulls and unknown fields pruned, defaults applied, then types, required fields, enums, patterns,
/// lengths, ranges, formats, list-map keys and CEL rules (<c>x-kubernetes-validations</c>) checked,
/// all errors reported at once.
/// </summary>
public static class SchemaValidator
{
    /// <summary>Validates <paramref name="obj"/> against <paramref name="schema"/> (an <c>openAPIV3Schema</c>).</summary>
    /// <param name="schema">The root schema of the CRD version.</param>
    /// <param name="obj">The object as sent by a client (not modified).</param>
    /// <param name="oldObj">The stored object on update, for transition rules (<c>oldSelf</c>); null on create.</param>
    /// <returns>The pruned, defaulted copy with every error and warning.</returns>
    public static ValidationResult Validate(JsonObject schema, JsonNode obj, JsonNode? oldObj = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(obj);
        var walker = new Walker();
        var copy = obj.DeepClone();
        walker.Visit(schema, copy, oldObj, "", isRoot: true);
        return new ValidationResult(copy, walker.Errors, walker.Warnings);
    }

    /// <summary>
    /// Validates one top-level property of an object whose other fields are those of <paramref name="oldObj"/>, already
    /// validated when it was stored — a status-subresource write: only that property's schema is walked (pruned and
    /// defaulted in place), then the root's rules are evaluated on the whole object as <see cref="Validate"/> would, except those that read only
    /// the unchanged fields (and <c>metadata.name</c>), whose result cannot have changed.
    /// </summary>
    /// <param name="schema">The root schema of the CRD version; it must declare <paramref name="property"/>.</param>
    /// <param name="obj">The object; its <paramref name="property"/> is replaced by the pruned, defaulted value (modified in place).</param>
    /// <param name="oldObj">The stored object.</param>
    /// <param name="property">The top-level property that changed, e.g. <c>status</c>.</param>
    /// <returns><paramref name="obj"/> with every error and warning.</returns>
    /// <exception cref="ArgumentException">The schema does not declare the property.</exception>
    public static ValidationResult ValidateProperty(JsonObject schema, JsonObject obj, JsonObject oldObj, string property)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(oldObj);
        if (schema["properties"]?[property] is not JsonObject propertySchema)
        {
            throw new ArgumentException($"the schema declares no property {property}", nameof(property));
        }

        var walker = new Walker();
        if (obj[property] is { } value)
        {
            walker.Visit(propertySchema, value, oldObj[property], property);
        }
        else if (obj.ContainsKey(property) && propertySchema["nullable"]?.GetValue<bool>() != true)
        {
            obj.Remove(property);
        }

        if (schema["required"] is JsonArray required && required.Any(r => r?.GetValue<string>() == property) && !obj.ContainsKey(property))
        {
            walker.Errors.Add(new FieldError(property, FieldErrorType.Required, ""));
        }

        if (walker.Errors.Count == 0)
        {
            // Root rules that read only the unchanged fields cannot change their result (the App's name rule on
            // every status write, say); the others run on the whole object.
            var unchanged = (schema["properties"] as JsonObject ?? []).Select(p => p.Key).Where(k => k != property && k != "metadata").ToHashSet(StringComparer.Ordinal);
            walker.CheckRules(schema, obj, oldObj, "", program => program.ReadsSelfOnlyThrough(unchanged));
        }

        return new ValidationResult(obj, walker.Errors, walker.Warnings);
    }

    private sealed class Walker
    {
        public List<FieldError> Errors { get; } = [];

        public List<string> Warnings { get; } = [];

        public void Visit(JsonObject schema, JsonNode? node, JsonNode? old, string path, bool isRoot = false)
        {
            var errorsBefore = Errors.Count;
            var type = schema["type"]?.GetValue<string>();
            var intOrString = schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true;
            var kind = node?.GetValueKind() ?? JsonValueKind.Null;

            if (intOrString)
            {
                if (kind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    TypeError(path, node, "integer or string");
                    return;
                }

                if (kind == JsonValueKind.String)
                {
                    CheckString(schema, node!.GetValue<string>(), path);
                }
            }
            else
            {
                switch (type)
                {
                    case "object":
                        if (node is not JsonObject obj)
                        {
                            TypeError(path, node, "object");
                            return;
                        }

                        VisitObject(schema, obj, old as JsonObject, path, isRoot);
                        break;
                    case "array":
                        if (node is not JsonArray array)
                        {
                            TypeError(path, node, "array");
                            return;
                        }

                        VisitArray(schema, array, old as JsonArray, path);
                        break;
                    case "string":
                        if (kind != JsonValueKind.String)
                        {
                            TypeError(path, node, "string");
                            return;
                        }

                        CheckString(schema, node!.GetValue<string>(), path);
                        break;
                    case "integer":
                        if (kind != JsonValueKind.Number || !TryGetInteger(node!, out var integer))
                        {
                            TypeError(path, node, "integer");
                            return;
                        }

                        CheckNumber(schema, integer, node!, path);
                        break;
                    case "number":
                        if (kind != JsonValueKind.Number)
                        {
                            TypeError(path, node, "number");
                            return;
                        }

                        CheckNumber(schema, double.Parse(node!.ToJsonString(), CultureInfo.InvariantCulture), node!, path);
                        break;
                    case "boolean":
                        if (kind is not (JsonValueKind.True or JsonValueKind.False))
                        {
                            TypeError(path, node, "boolean");
                            return;
                        }

                        break;
                }
            }

            CheckEnum(schema, node, path);
            if (Errors.Count == errorsBefore)
            {
                CheckRules(schema, node, old, path);
            }
        }

        private void VisitObject(JsonObject schema, JsonObject obj, JsonObject? old, string path, bool isRoot)
        {
            var properties = schema["properties"] as JsonObject;
            var additional = schema["additionalProperties"] as JsonObject;
            var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;

            foreach (var (key, value) in obj.ToList())
            {
                if (isRoot && key == "metadata")
                {
                    // ObjectMeta is validated by the API machinery, not by the CRD schema.
                    continue;
                }

                var childPath = Join(path, key);
                var childSchema = properties?[key] as JsonObject ?? additional;
                if (value is null && !(childSchema?["nullable"]?.GetValue<bool>() ?? false) && (childSchema is not null || !preserve))
                {
                    obj.Remove(key);
                    continue;
                }

                if (childSchema is null)
                {
                    if (!preserve && !(isRoot && key is "apiVersion" or "kind"))
                    {
                        obj.Remove(key);
                        Warnings.Add($"unknown field \"{childPath}\"");
                    }

                    continue;
                }

                Visit(childSchema, value, old?[key], childPath);
            }

            if (properties is not null)
            {
                foreach (var (key, propertySchema) in properties)
                {
                    if (!obj.ContainsKey(key) && propertySchema?["default"] is { } defaultValue)
                    {
                        obj[key] = defaultValue.DeepClone();
                        Visit(propertySchema.AsObject(), obj[key], old?[key], Join(path, key));
                    }
                }
            }

            if (schema["required"] is JsonArray required)
            {
                foreach (var name in required.Select(r => r!.GetValue<string>()))
                {
                    if (!obj.ContainsKey(name))
                    {
                        Errors.Add(new FieldError(Join(path, name), FieldErrorType.Required, ""));
                    }
                }
            }
        }

        private void VisitArray(JsonObject schema, JsonArray array, JsonArray? old, string path)
        {
            var itemSchema = schema["items"] as JsonObject;
            var mapKeys = schema["x-kubernetes-list-type"]?.GetValue<string>() == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys
                ? keys.Select(k => k!.GetValue<string>()).ToList()
                : null;

            if (schema["minItems"] is { } minItems && array.Count < Number(minItems))
            {
                Errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{path} in body should have at least {minItems} items", Describe(array)));
            }

            if (schema["maxItems"] is { } maxItems && array.Count > Number(maxItems))
            {
                Errors.Add(new FieldError(path, FieldErrorType.TooMany, $"has {array.Count}, must have at most {maxItems} items"));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < array.Count; i++)
            {
                var itemPath = $"{path}[{i}]";
                var item = array[i];
                JsonNode? oldItem = null;
                if (mapKeys is not null && item is JsonObject itemObject)
                {
                    var identity = MapKey(itemObject, mapKeys);
                    if (!seen.Add(identity))
                    {
                        Errors.Add(new FieldError(itemPath, FieldErrorType.Duplicate, "", identity));
                    }

                    oldItem = old?.OfType<JsonObject>().FirstOrDefault(o => MapKey(o, mapKeys) == identity);
                }

                if (itemSchema is not null)
                {
                    Visit(itemSchema, item, oldItem, itemPath);
                }
            }
        }

        private static string MapKey(JsonObject item, List<string> keys) =>
            "{" + string.Join(",", keys.Select(k => $"\"{k}\":{item[k]?.ToJsonString() ?? "null"}")) + "}";

        private void CheckString(JsonObject schema, string value, string path)
        {
            var length = new StringInfo(value).LengthInTextElements;
            if (schema["maxLength"] is { } maxLength && length > Number(maxLength))
            {
                Errors.Add(new FieldError(path, FieldErrorType.TooLong, $"may not be longer than {maxLength}"));
            }

            if (schema["minLength"] is { } minLength && length < Number(minLength))
            {
                Errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{path} in body should be at least {minLength} chars long", Quote(value)));
            }

            if (schema["pattern"] is { } pattern && !CelProgram.CompileRegex(pattern.GetValue<string>()).IsMatch(value))
            {
                Errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{path} in body should match '{pattern}'", Quote(value)));
            }

            if (schema["format"]?.GetValue<string>() == "date-time"
                && !DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                Errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{path} in body must be of type date-time", Quote(value)));
            }
        }

        private void CheckNumber(JsonObject schema, double value, JsonNode node, string path)
        {
            if (schema["minimum"] is { } minimum && value < Number(minimum))
            {
                Errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{path} in body should be greater than or equal to {minimum}", node.ToJsonString()));
            }

            if (schema["maximum"] is { } maximum && value > Number(maximum))
            {
                Errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{path} in body should be less than or equal to {maximum}", node.ToJsonString()));
            }

            if (schema["format"]?.GetValue<string>() == "int32" && (value > int.MaxValue || value < int.MinValue))
            {
                Errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{path} in body must be a 32-bit integer", node.ToJsonString()));
            }
        }

        private void CheckEnum(JsonObject schema, JsonNode? node, string path)
        {
            if (schema["enum"] is JsonArray allowed && node is not null && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
            {
                var supported = string.Join(", ", allowed.Select(a => a!.ToJsonString()));
                Errors.Add(new FieldError(path, FieldErrorType.NotSupported, $"supported values: {supported}", node.ToJsonString()));
            }
        }

        public void CheckRules(JsonObject schema, JsonNode? node, JsonNode? old, string path, Func<CelProgram, bool>? skip = null)
        {
            if (schema["x-kubernetes-validations"] is not JsonArray rules)
            {
                return;
            }

            foreach (var rule in rules.OfType<JsonObject>())
            {
                var program = RuleCache.Get(rule["rule"]!.GetValue<string>());
                if ((program.IsTransitionRule && old is null) || skip?.Invoke(program) == true)
                {
                    continue;
                }

                var fieldPath = rule["fieldPath"]?.GetValue<string>();
                var errorPath = fieldPath is null ? Root(path) : Root(path) + (path.Length == 0 ? fieldPath.TrimStart('.') : fieldPath);
                try
                {
                    if (!program.Evaluate(node, old))
                    {
                        var message = rule["message"]?.GetValue<string>() ?? $"failed rule: {program.Source}";
                        Errors.Add(new FieldError(errorPath, FieldErrorType.Invalid, message, Quote(TypeNameOf(node))));
                    }
                }
                catch (CelException e)
                {
                    Errors.Add(new FieldError(errorPath, FieldErrorType.Invalid, $"{e.Message} evaluating rule: {program.Source}", Quote(TypeNameOf(node))));
                }
            }
        }

        private static string Root(string path) => path.Length == 0 ? "" : path;

        private void TypeError(string path, JsonNode? node, string expected) =>
            Errors.Add(new FieldError(path, FieldErrorType.TypeInvalid, $"{path} in body must be of type {expected}: {Quote(TypeNameOf(node))}", Describe(node)));

        private static string TypeNameOf(JsonNode? node) => (node?.GetValueKind() ?? JsonValueKind.Null) switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };

        private static string Describe(JsonNode? node) => node switch
        {
            JsonObject or JsonArray => Quote(TypeNameOf(node)),
            null => "null",
            _ => node.ToJsonString(),
        };

        private static bool TryGetInteger(JsonNode node, out double value)
        {
            value = double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);
            return Math.Floor(value) == value && !node.ToJsonString().Contains('.', StringComparison.Ordinal);
        }

        private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

        private static string Quote(string text) => JsonSerializer.Serialize(text, ValidationJsonContext.Default.String);

        private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
    }
}
