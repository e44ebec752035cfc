namespace ShapeBlock.Sdk.Model;

/// <summary>Something a stack declares: it has a name and a path such as <c>prod/shop/web</c> used in every message about it.</summary>
public abstract class Resource
{
    /// <summary>Creates a resource.</summary>
    /// <param name="name">Its name (validated with the rest of the model, so every problem is reported at once).</param>
    protected Resource(string name)
    {
        Name = name ?? "";
    }

    /// <summary>The resource name.</summary>
    public string Name { get; }

    /// <summary>Where the resource sits in the stack, e.g. <c>prod/shop/web</c>; messages about it start with this.</summary>
    public abstract string Path { get; }

    /// <inheritdoc />
    public override string ToString() => Path;
}
