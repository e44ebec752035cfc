namespace ShapeBlock.Api;

/// <summary>The three values of a condition's <c>status</c>.</summary>
public static class ConditionStatus
{
    /// <summary>The condition holds.</summary>
    public const string True = "True";

    /// <summary>The condition does not hold.</summary>
    public const string False = "False";

    /// <summary>Not yet known.</summary>
    public const string Unknown = "Unknown";
}
