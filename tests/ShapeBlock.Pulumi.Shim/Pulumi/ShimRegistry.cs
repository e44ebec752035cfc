using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Pulumi;

/// <summary>One resource registered with the shim: what a real engine would receive.</summary>
internal sealed record RegisteredResource(string Type, string Name, Resource Resource, Resource? Parent, ResourceArgs Args, ResourceOptions? Options, bool Custom, bool Remote)
{
    /// <summary>The outputs a component registered (null until <c>RegisterOutputs</c>).</summary>
    public IDictionary<string, object?>? Outputs { get; set; }

    /// <summary>The explicit dependencies.</summary>
    public IReadOnlyList<Resource> DependsOn => Options is null ? [] : ShimInputs.Resolve(Options.DependsOn).Value;

    /// <summary>The provider given in the options (custom resources) or the first of <c>Providers</c> (components).</summary>
    public ProviderResource? Provider => Options?.Provider ?? (Options as ComponentResourceOptions)?.Providers.FirstOrDefault();
}

/// <summary>
/// SHIM-ONLY recording registry (internal; reachable from ShapeBlock.Pulumi.Tests alone): records every resource a
/// program registers and answers with the outputs a test's mock gives, like Pulumi's own mocks would.
/// </summary>
internal sealed class ShimRegistry
{
    private static readonly AsyncLocal<ShimRegistry?> CurrentRegistry = new();
    private static readonly ShimRegistry Default = new();

    public static ShimRegistry Current => CurrentRegistry.Value ?? Default;

    public string StackName { get; init; } = "dev";

    public string ProjectName { get; init; } = "project";

    public bool IsDryRun { get; init; }

    /// <summary>Configuration, <c>project:key</c> → value (and whether it was set as a secret).</summary>
    public Dictionary<string, (string Value, bool Secret)> Config { get; } = [];

    /// <summary>Outputs of a newly registered resource (<c>id</c> and output names); unknown when missing.</summary>
    public Func<RegisteredResource, IReadOnlyDictionary<string, object?>> Mocks { get; init; } = _ => new Dictionary<string, object?>();

    public List<RegisteredResource> Resources { get; } = [];

    public IDictionary<string, object?>? StackOutputs { get; set; }

    /// <summary>Runs <paramref name="program"/> with this registry as the current one.</summary>
    public ShimRegistry Run(Action program)
    {
        var previous = CurrentRegistry.Value;
        CurrentRegistry.Value = this;
        try
        {
            program();
        }
        finally
        {
            CurrentRegistry.Value = previous;
        }

        return this;
    }

    public IReadOnlyDictionary<string, object?> Register(RegisteredResource resource)
    {
        if (Resources.Any(r => r.Type == resource.Type && r.Name == resource.Name && r.Parent == resource.Parent))
        {
            throw new InvalidOperationException($"Duplicate resource URN: {resource.Type} {resource.Name} (every resource needs a unique name).");
        }

        Resources.Add(resource);
        return resource.Custom ? Mocks(resource) : new Dictionary<string, object?>();
    }

    public void RegisterOutputs(Resource component, IDictionary<string, object?> outputs) =>
        Resources.Single(r => ReferenceEquals(r.Resource, component)).Outputs = outputs;
}

/// <summary>A string value found in recorded inputs, with where it sits and whether it was secret.</summary>
internal sealed record InputLeaf(string Path, string Value, bool Secret);

/// <summary>Serializes resource arguments the way the engine sees them: by <c>[Input]</c> names, outputs resolved, secrecy kept.</summary>
internal static class ShimInputs
{
    public const string Unknown = "(unknown)";

    public static OutputData<T> Resolve<T>(Input<T> input) => ((Output<T>)input).DataTask.GetAwaiter().GetResult();

    public static OutputData<T> Resolve<T>(Output<T> output) => output.DataTask.GetAwaiter().GetResult();

    /// <summary>The inputs as JSON (secrets in clear, for comparisons) and every string leaf with its secrecy.</summary>
    public static (JsonNode? Json, List<InputLeaf> Leaves) Serialize(object? args)
    {
        var leaves = new List<InputLeaf>();
        var json = Walk(args, "", false, leaves);
        return (json, leaves);
    }

    private static JsonNode? Walk(object? value, string path, bool secret, List<InputLeaf> leaves)
    {
        switch (value)
        {
            case null:
                return null;
            case IShimOutput output:
                var (v, known, isSecret) = output.GetDataAsync().GetAwaiter().GetResult();
                return known ? Walk(v, path, secret || isSecret, leaves) : Leaf(Unknown, path, secret || isSecret, leaves);
            case string s:
                return Leaf(s, path, secret, leaves);
            case var _ when FindInput(value.GetType()) is { } inputType:
                var asOutput = inputType.GetProperty("Output", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(value);
                return Walk(asOutput, path, secret, leaves);
            case bool b:
                return JsonValue.Create(b);
            case int or long or double or float or decimal:
                return JsonValue.Create(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            case Resource r:
                return Leaf(r.GetResourceName(), path, secret, leaves);
            case JsonNode node:
                return node.DeepClone();
            case ResourceArgs args:
                var obj = new JsonObject();
                foreach (var (name, member) in InputMembers(args.GetType()))
                {
                    var memberValue = member is FieldInfo f ? f.GetValue(args) : ((PropertyInfo)member).GetValue(args);
                    if (memberValue is not null)
                    {
                        obj[name] = Walk(memberValue, path + "/" + name, secret, leaves);
                    }
                }

                return obj;
            case IDictionary dictionary:
                var map = new JsonObject();
                foreach (DictionaryEntry e in dictionary)
                {
                    map[(string)e.Key] = Walk(e.Value, path + "/" + e.Key, secret, leaves);
                }

                return map;
            case IEnumerable list:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in list)
                {
                    array.Add(Walk(item, $"{path}/{i++}", secret, leaves));
                }

                return array;
            default:
                var type = value.GetType();
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Union<,>))
                {
                    return Walk(type.GetProperty("Value")!.GetValue(value), path, secret, leaves);
                }

                return Leaf(value.ToString() ?? "", path, secret, leaves);
        }
    }

    private static JsonValue Leaf(string value, string path, bool secret, List<InputLeaf> leaves)
    {
        leaves.Add(new InputLeaf(path, value, secret));
        return JsonValue.Create(value);
    }

    private static Type? FindInput(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Input<>))
            {
                return type;
            }
        }

        return null;
    }

    private static IEnumerable<(string Name, MemberInfo Member)> InputMembers(Type type)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var t = type; t is not null && t != typeof(ResourceArgs); t = t.BaseType)
        {
            foreach (var member in t.GetFields(flags).Cast<MemberInfo>().Concat(t.GetProperties(flags)))
            {
                if (member.GetCustomAttribute<InputAttribute>() is { } attribute)
                {
                    yield return (attribute.Name, member);
                }
            }
        }
    }
}
