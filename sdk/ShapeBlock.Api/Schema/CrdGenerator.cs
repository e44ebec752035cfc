using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using ShapeBlock.Api.V1Alpha1;

namespace ShapeBlock.Api.Schema;

/// <summary>
/// Turns the annotated C# types of <see cref="V1Alpha1"/> into <c>apiextensions.k8s.io/v1</c>
/// CustomResourceDefinitions: the one source of truth for the schema the API server enforces.
/// </summary>
[RequiresUnreferencedCode("Reflects over the API types; used by the CRD generator and tests, not by trimmed apps.")]
public sealed class CrdGenerator
{
    /// <summary>Pattern of a Kubernetes quantity, as the API server's quantity parser accepts it.</summary>
    public const string QuantityPattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    private static readonly JsonNamingPolicy Naming = JsonNamingPolicy.CamelCase;
    private readonly XmlDocDescriptions docs = new(typeof(CrdGenerator).Assembly);

    /// <summary>The root types of every ShapeBlock custom resource, in a stable order.</summary>
    public static IReadOnlyList<Type> ResourceTypes { get; } =
        [typeof(Project), typeof(App), typeof(AppBuild), typeof(Service), typeof(Team)];

    /// <summary>Whether descriptions were found (the XML documentation file sits next to the assembly).</summary>
    public bool HasDescriptions => !docs.IsEmpty;

    /// <summary>Generates the CRDs of all ShapeBlock resources.</summary>
    /// <returns>One CRD object per kind, in <see cref="ResourceTypes"/> order.</returns>
    public IReadOnlyList<JsonObject> GenerateAll() => [.. ResourceTypes.Select(Generate)];

    /// <summary>Generates the CRD of one resource type.</summary>
    /// <param name="resourceType">A type annotated with <see cref="CustomResourceAttribute"/>.</param>
    /// <returns>The CRD as a JSON object (apiVersion, kind, metadata, spec).</returns>
    public JsonObject Generate(Type resourceType)
    {
        var resource = resourceType.GetCustomAttribute<CustomResourceAttribute>()
            ?? throw new ArgumentException($"{resourceType.Name} has no [CustomResource] attribute.", nameof(resourceType));

        var specProperty = resourceType.GetProperty("Spec")!;
        var statusProperty = resourceType.GetProperty("Status")!;

        var root = new JsonObject { ["type"] = "object" };
        AddDescription(root, docs.ForType(resourceType));
        root["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string", ["description"] = "APIVersion defines the versioned schema of this representation of an object." },
            ["kind"] = new JsonObject { ["type"] = "string", ["description"] = "Kind is a string value representing the REST resource this object represents." },
            ["metadata"] = new JsonObject { ["type"] = "object" },
            ["spec"] = WithTypeDescription(SchemaFor(specProperty.PropertyType, specProperty), specProperty.PropertyType),
            ["status"] = WithTypeDescription(SchemaFor(statusProperty.PropertyType, statusProperty), statusProperty.PropertyType),
        };
        if (HasRequiredMembers(specProperty.PropertyType))
        {
            root["required"] = new JsonArray("spec");
        }

        AddRules(root, resourceType);

        var columns = new JsonArray();
        foreach (var column in resourceType.GetCustomAttributes<PrinterColumnAttribute>())
        {
            var entry = new JsonObject { ["name"] = column.Name, ["type"] = column.Type, ["jsonPath"] = column.JsonPath };
            if (column.Priority != 0)
            {
                entry["priority"] = column.Priority;
            }

            columns.Add((JsonNode)entry);
        }

        var names = new JsonObject
        {
            ["kind"] = resource.Kind,
            ["listKind"] = resource.Kind + "List",
            ["plural"] = resource.Plural,
            ["singular"] = resource.Singular,
            ["shortNames"] = new JsonArray([.. resource.ShortNames.Select(n => (JsonNode)n)]),
            ["categories"] = new JsonArray(ApiGroup.Category),
        };

        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{resource.Plural}.{ApiGroup.Name}",
                ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "shapeblock" },
            },
            ["spec"] = new JsonObject
            {
                ["group"] = ApiGroup.Name,
                ["names"] = names,
                ["scope"] = resource.Scope.ToString(),
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["name"] = ApiGroup.Version,
                    ["served"] = true,
                    ["storage"] = true,
                    ["schema"] = new JsonObject { ["openAPIV3Schema"] = root },
                    ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
                    ["additionalPrinterColumns"] = columns,
                }),
            },
        };
    }

    private JsonObject SchemaFor(Type type, PropertyInfo? property)
    {
        var schema = TypeSchema(Nullable.GetUnderlyingType(type) ?? type, property);
        if (property is not null)
        {
            ApplyPropertyAttributes(schema, property);
        }

        return schema;
    }

    private JsonObject TypeSchema(Type type, PropertyInfo? property)
    {
        if (property?.GetCustomAttribute<QuantityAttribute>() is not null)
        {
            return new JsonObject
            {
                ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
                ["pattern"] = QuantityPattern,
                ["x-kubernetes-int-or-string"] = true,
            };
        }

        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }

        if (type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }

        if (type == typeof(double))
        {
            return new JsonObject { ["type"] = "number" };
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type.IsEnum)
        {
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. EnumValues(type).Select(v => (JsonNode)v)]) };
        }

        if (type == typeof(JsonObject))
        {
            return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        }

        if (type == typeof(V1Condition))
        {
            return ConditionSchema();
        }

        if (type == typeof(V1NodeAffinity))
        {
            // The core type's full schema is long and owned by Kubernetes; the build Job copies it as is.
            return new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Core NodeAffinity (requiredDuringSchedulingIgnoredDuringExecution, preferredDuringSchedulingIgnoredDuringExecution).",
                ["x-kubernetes-preserve-unknown-fields"] = true,
            };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = TypeSchema(type.GetGenericArguments()[1], null) };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var items = SchemaFor(type.GetGenericArguments()[0], null);
            return new JsonObject { ["type"] = "array", ["items"] = items };
        }

        if (type.IsClass)
        {
            return ObjectSchema(type);
        }

        throw new NotSupportedException($"No schema mapping for {type}.");
    }

    private JsonObject ObjectSchema(Type type)
    {
        var schema = new JsonObject { ["type"] = "object" };
        AddDescription(schema, docs.ForType(type));
        var properties = new JsonObject();
        var required = new List<string>();
        foreach (var property in OrderedProperties(type))
        {
            var name = JsonName(property);
            properties[name] = SchemaFor(property.PropertyType, property);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        }

        AddRules(schema, type);
        return schema;
    }

    private void ApplyPropertyAttributes(JsonObject schema, PropertyInfo property)
    {
        AddDescription(schema, docs.ForProperty(property));
        var isArray = schema["type"]?.GetValue<string>() == "array";
        foreach (var attribute in property.GetCustomAttributes())
        {
            switch (attribute)
            {
                case RegularExpressionAttribute regex:
                    schema["pattern"] = regex.Pattern;
                    break;
                case RangeAttribute range:
                    schema["minimum"] = Convert.ToInt64(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
                    schema["maximum"] = Convert.ToInt64(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case MinSizeAttribute min:
                    schema[isArray ? "minItems" : "minLength"] = min.Size;
                    break;
                case MaxSizeAttribute max:
                    schema[isArray ? "maxItems" : "maxLength"] = max.Size;
                    break;
                case SchemaDefaultAttribute value:
                    schema["default"] = JsonValueOf(value.Value);
                    break;
                case PreserveUnknownFieldsAttribute:
                    schema["x-kubernetes-preserve-unknown-fields"] = true;
                    break;
                case ListMapKeysAttribute keys:
                    schema["x-kubernetes-list-type"] = "map";
                    schema["x-kubernetes-list-map-keys"] = new JsonArray([.. keys.Keys.Select(k => (JsonNode)k)]);
                    break;
            }
        }

        AddRules(schema, property);
    }

    private static void AddRules(JsonObject schema, MemberInfo member)
    {
        var rules = member.GetCustomAttributes<CelRuleAttribute>().ToList();
        if (rules.Count == 0)
        {
            return;
        }

        var array = new JsonArray();
        foreach (var rule in rules)
        {
            var entry = new JsonObject { ["rule"] = rule.Rule, ["message"] = rule.Message };
            if (rule.FieldPath is not null)
            {
                entry["fieldPath"] = rule.FieldPath;
            }

            array.Add((JsonNode)entry);
        }

        schema["x-kubernetes-validations"] = array;
    }

    // spec and status are declared once on the generic base; their own type's summary says more.
    private JsonObject WithTypeDescription(JsonObject schema, Type type)
    {
        AddDescription(schema, docs.ForType(type));
        return schema;
    }

    private static void AddDescription(JsonObject schema, string? description)
    {
        if (!string.IsNullOrEmpty(description))
        {
            // Insert first so the YAML reads description, type, properties.
            var rest = schema.ToList();
            schema.Clear();
            schema["description"] = description;
            foreach (var (key, value) in rest)
            {
                if (key != "description")
                {
                    schema[key] = value;
                }
            }
        }
    }

    private static JsonObject ConditionSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "Condition contains details for one aspect of the current state of this resource.",
        ["required"] = new JsonArray("lastTransitionTime", "message", "reason", "status", "type"),
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string", ["maxLength"] = 316, ["pattern"] = @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$" },
            ["status"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("True", "False", "Unknown") },
            ["observedGeneration"] = new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 0 },
            ["lastTransitionTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["reason"] = new JsonObject { ["type"] = "string", ["maxLength"] = 1024, ["minLength"] = 1, ["pattern"] = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$" },
            ["message"] = new JsonObject { ["type"] = "string", ["maxLength"] = 32768 },
        },
    };

    private static bool HasRequiredMembers(Type type) =>
        OrderedProperties(type).Any(p => p.GetCustomAttribute<RequiredAttribute>() is not null);

    private static IEnumerable<PropertyInfo> OrderedProperties(Type type)
    {
        // Base-class properties first (phase, message, … before kind-specific status fields), then declaration order.
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            chain.Insert(0, t);
        }

        return chain.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken));
    }

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? Naming.ConvertName(property.Name);

    /// <summary>The JSON strings of an enum's values, as the source-generated serializer writes them.</summary>
    /// <param name="enumType">The enum type.</param>
    /// <returns>The strings in declaration order.</returns>
    public static IEnumerable<string> EnumValues(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    private static JsonNode JsonValueOf(object value) => value switch
    {
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        _ => throw new NotSupportedException($"Unsupported default value {value}."),
    };
}
