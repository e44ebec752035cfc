namespace ShapeBlock.Api;

/// <summary>Label keys and values put on everything ShapeBlock creates.</summary>
public static class Labels
{
    /// <summary>Standard Kubernetes label naming the tool that manages an object.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>Value of <see cref="ManagedBy"/> on objects the operator creates.</summary>
    public const string ManagedByOperator = "shapeblock-operator";

    /// <summary>Value of <see cref="ManagedBy"/> on objects the SDK applies.</summary>
    public const string ManagedBySdk = "shapeblock";

    /// <summary>The project (namespace) an object belongs to.</summary>
    public const string Project = "shapeblock.io/project";

    /// <summary>The app an object belongs to.</summary>
    public const string App = "shapeblock.io/app";

    /// <summary>The build an object belongs to.</summary>
    public const string Build = "shapeblock.io/build";

    /// <summary>The backing service an object belongs to.</summary>
    public const string Service = "shapeblock.io/service";

    /// <summary>The SDK stack that declared an object; used to find and prune what a stack no longer declares.</summary>
    public const string Stack = "shapeblock.io/stack";

    /// <summary>The cluster a cloud resource or node belongs to.</summary>
    public const string Cluster = "shapeblock.io/cluster";

    /// <summary>The role of a node: <c>master</c> or <c>worker</c>.</summary>
    public const string Role = "shapeblock.io/role";

    /// <summary>The node pool of a worker.</summary>
    public const string Pool = "shapeblock.io/pool";

    /// <summary>Standard label the Helm release's objects carry.</summary>
    public const string Instance = "app.kubernetes.io/instance";
}
