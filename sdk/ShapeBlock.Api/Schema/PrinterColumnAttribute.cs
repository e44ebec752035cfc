namespace ShapeBlock.Api.Schema;

/// <summary>An <c>additionalPrinterColumns</c> entry: a column of <c>kubectl get</c>.</summary>
/// <param name="name">Column header.</param>
/// <param name="type">OpenAPI type of the value: string, integer, number, boolean or date.</param>
/// <param name="jsonPath">Where the value is read, e.g. <c>.status.phase</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    /// <summary>Column header.</summary>
    public string Name { get; } = name;

    /// <summary>OpenAPI type of the value.</summary>
    public string Type { get; } = type;

    /// <summary>JSON path of the value.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>0 shows the column always; higher values only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}
