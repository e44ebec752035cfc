namespace ShapeBlock.Api;

/// <summary>The <c>status.conditions[].type</c> values ShapeBlock resources report.</summary>
public static class ConditionTypes
{
    /// <summary>The resource is fully reconciled and usable.</summary>
    public const string Ready = "Ready";

    /// <summary>An App's release (or an AppBuild's image) is deployed and available.</summary>
    public const string Deployed = "Deployed";

    /// <summary>An AppBuild's image was built and pushed.</summary>
    public const string Built = "Built";
}
