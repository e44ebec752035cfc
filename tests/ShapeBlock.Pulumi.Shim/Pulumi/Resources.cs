using System.Reflection;

namespace Pulumi;

/// <summary>Shim of <c>Pulumi.ResourceArgs</c>: the base of every resource's arguments.</summary>
public abstract class ResourceArgs
{
    /// <summary>Arguments with nothing set.</summary>
    public static readonly ResourceArgs Empty = new EmptyResourceArgs();

    private sealed class EmptyResourceArgs : ResourceArgs;
}

/// <summary>Shim of <c>Pulumi.Resource</c>.</summary>
public class Resource
{
    private protected Resource(string type, string name, bool custom, ResourceArgs args, ResourceOptions options, bool remote = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ResourceType = type;
        ResourceName = name;
        var registry = ShimRegistry.Current;
        var parent = options?.Parent;
        var urn = $"urn:pulumi:{registry.StackName}::{registry.ProjectName}::{(parent is null ? "" : parent.ResourceType + "$")}{type}::{name}";
        Urn = Output.Create(urn);
        var record = new RegisteredResource(type, name, this, parent, args, options, custom, remote);
        var outputs = registry.Register(record);
        var secretOutputs = (options as CustomResourceOptions)?.AdditionalSecretOutputs ?? [];
        if (this is CustomResource customResource)
        {
            customResource.SetId(outputs.TryGetValue("id", out var id) && id is string s ? Output.Create(s) : Output.Unknown<string>());
        }

        ShimOutputs.Fill(this, outputs, secretOutputs);
    }

    internal string ResourceType { get; }

    internal string ResourceName { get; }

    /// <summary>The resource's URN.</summary>
    [Output("urn")]
    public Output<string> Urn { get; private set; }

    /// <summary>The resource's name.</summary>
    public string GetResourceName() => ResourceName;

    /// <summary>The resource's type token.</summary>
    public string GetResourceType() => ResourceType;
}

/// <summary>Shim of <c>Pulumi.CustomResource</c>: a resource a provider manages.</summary>
public class CustomResource : Resource
{
    /// <summary>Registers a custom resource.</summary>
    public CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
        : base(type, name, true, args ?? ResourceArgs.Empty, options ?? new CustomResourceOptions())
    {
    }

    private protected CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options, bool dependency)
        : base(type, name, true, args ?? ResourceArgs.Empty, options ?? new CustomResourceOptions())
    {
        _ = dependency;
    }

    /// <summary>The provider-assigned id.</summary>
    [Output("id")]
    public Output<string> Id { get; private set; } = null!;

    internal void SetId(Output<string> id) => Id = id;
}

/// <summary>Shim of <c>Pulumi.ProviderResource</c>: an explicitly configured provider.</summary>
public class ProviderResource : CustomResource
{
    /// <summary>Registers a provider of <paramref name="package"/>.</summary>
    public ProviderResource(string package, string name, ResourceArgs args, CustomResourceOptions? options = null)
        : base($"pulumi:providers:{package}", name, args, options)
    {
        Package = package;
    }

    internal string Package { get; }
}

/// <summary>Shim of <c>Pulumi.ComponentResource</c>: a group of child resources.</summary>
public class ComponentResource : Resource
{
    /// <summary>Registers a component.</summary>
    public ComponentResource(string type, string name, ComponentResourceOptions? options = null)
        : this(type, name, ResourceArgs.Empty, options)
    {
    }

    /// <summary>Registers a component with arguments (<paramref name="remote"/>: implemented by a provider).</summary>
    public ComponentResource(string type, string name, ResourceArgs? args, ComponentResourceOptions? options = null, bool remote = false)
        : base(type, name, false, args ?? ResourceArgs.Empty, options ?? new ComponentResourceOptions(), remote)
    {
    }

    /// <summary>Marks the component complete with no outputs.</summary>
    protected void RegisterOutputs() => RegisterOutputs(new Dictionary<string, object?>());

    /// <summary>Marks the component complete with its outputs.</summary>
    protected void RegisterOutputs(IDictionary<string, object?> outputs) => ShimRegistry.Current.RegisterOutputs(this, outputs);

    /// <summary>Marks the component complete with outputs computed later.</summary>
    protected void RegisterOutputs(Task<IDictionary<string, object?>> outputs) => RegisterOutputs(outputs.GetAwaiter().GetResult());

    /// <summary>Marks the component complete with an output of its outputs.</summary>
    protected void RegisterOutputs(Output<IDictionary<string, object?>> outputs) =>
        RegisterOutputs(outputs.DataTask.GetAwaiter().GetResult().Value ?? new Dictionary<string, object?>());
}

/// <summary>Shim of <c>Pulumi.ResourceOptions</c>.</summary>
public abstract class ResourceOptions
{
    /// <summary>The parent resource.</summary>
    public Resource? Parent { get; set; }

    /// <summary>Explicit dependencies.</summary>
    public InputList<Resource> DependsOn { get => dependsOn ??= []; set => dependsOn = value; }

    private InputList<Resource>? dependsOn;

    /// <summary>The provider to use.</summary>
    public ProviderResource? Provider { get; set; }

    /// <summary>Protects the resource from deletion.</summary>
    public bool? Protect { get; set; }

    /// <summary>Properties whose changes are ignored.</summary>
    public List<string> IgnoreChanges { get; set; } = [];

    /// <summary>Properties whose changes force a replacement.</summary>
    public List<string> ReplaceOnChanges { get; set; } = [];

    /// <summary>The provider plugin version.</summary>
    public string? Version { get; set; }
}

/// <summary>Shim of <c>Pulumi.CustomResourceOptions</c>.</summary>
public sealed class CustomResourceOptions : ResourceOptions
{
    /// <summary>Outputs to store as secrets.</summary>
    public List<string> AdditionalSecretOutputs { get; set; } = [];

    /// <summary>Delete before creating the replacement.</summary>
    public bool? DeleteBeforeReplace { get; set; }

    /// <summary>Adopt an existing resource by id.</summary>
    public string? ImportId { get; set; }

    /// <summary>Shim of <c>CustomResourceOptions.Merge</c>.</summary>
    public static CustomResourceOptions Merge(CustomResourceOptions? options1, CustomResourceOptions? options2)
    {
        var a = options1 ?? new CustomResourceOptions();
        var b = options2 ?? new CustomResourceOptions();
        return new CustomResourceOptions
        {
            Parent = b.Parent ?? a.Parent,
            Provider = b.Provider ?? a.Provider,
            DependsOn = Concat(a.DependsOn, b.DependsOn),
            Protect = b.Protect ?? a.Protect,
            IgnoreChanges = [.. a.IgnoreChanges, .. b.IgnoreChanges],
            ReplaceOnChanges = [.. a.ReplaceOnChanges, .. b.ReplaceOnChanges],
            Version = b.Version ?? a.Version,
            AdditionalSecretOutputs = [.. a.AdditionalSecretOutputs, .. b.AdditionalSecretOutputs],
            DeleteBeforeReplace = b.DeleteBeforeReplace ?? a.DeleteBeforeReplace,
            ImportId = b.ImportId ?? a.ImportId,
        };
    }

    private static InputList<Resource> Concat(InputList<Resource> a, InputList<Resource> b)
    {
        var all = new InputList<Resource>();
        all.AddRange(a);
        all.AddRange(b);
        return all;
    }
}

/// <summary>Shim of <c>Pulumi.ComponentResourceOptions</c>.</summary>
public sealed class ComponentResourceOptions : ResourceOptions
{
    /// <summary>Providers for the component's children, by package.</summary>
    public List<ProviderResource> Providers { get; set; } = [];
}

/// <summary>Fills a resource's <c>[Output]</c> properties from the values the shim registry returns.</summary>
internal static class ShimOutputs
{
    public static void Fill(Resource resource, IReadOnlyDictionary<string, object?> values, IReadOnlyCollection<string> secret)
    {
        for (var type = resource.GetType(); type is not null && type != typeof(Resource); type = type.BaseType)
        {
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (property.GetCustomAttribute<OutputAttribute>() is not { } attribute || attribute.Name is null or "id" || !property.CanWrite
                    || !property.PropertyType.IsGenericType || property.PropertyType.GetGenericTypeDefinition() != typeof(Output<>))
                {
                    continue;
                }

                var valueType = property.PropertyType.GetGenericArguments()[0];
                var make = typeof(ShimOutputs).GetMethod(nameof(Make), BindingFlags.Static | BindingFlags.NonPublic)!.MakeGenericMethod(valueType);
                var known = values.TryGetValue(attribute.Name, out var value);
                property.SetValue(resource, make.Invoke(null, [known, value, secret.Contains(attribute.Name)]));
            }
        }
    }

    private static Output<T> Make<T>(bool known, object? value, bool secret)
    {
        if (!known)
        {
            return Output.Unknown<T>();
        }

        var typed = value is null or T ? (T)value! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        return secret ? Output.CreateSecret(typed) : Output.Create(typed);
    }
}
