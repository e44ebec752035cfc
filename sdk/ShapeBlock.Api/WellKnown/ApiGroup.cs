namespace ShapeBlock.Api;

/// <summary>The API group and version of every ShapeBlock custom resource.</summary>
public static class ApiGroup
{
    /// <summary>The API group, kept from the existing ShapeBlock server contract.</summary>
    public const string Name = "apps.shapeblock.io";

    /// <summary>The served and stored version.</summary>
    public const string Version = "v1alpha1";

    /// <summary><c>apps.shapeblock.io/v1alpha1</c>, the value of <c>apiVersion</c>.</summary>
    public const string ApiVersion = Name + "/" + Version;

    /// <summary>The CRD category: <c>kubectl get shapeblock</c> lists every ShapeBlock resource.</summary>
    public const string Category = "shapeblock";
}
