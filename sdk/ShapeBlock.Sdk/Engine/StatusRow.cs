namespace ShapeBlock.Sdk.Engine;

/// <summary>One line of <c>status</c>: a node or a ShapeBlock resource of the stack.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Kind">Node, Project, App, AppBuild, Service or Team.</param>
/// <param name="Name">The name (<c>namespace/name</c> for namespaced resources).</param>
/// <param name="Phase">The phase (nodes: Ready / NotReady).</param>
/// <param name="Url">The URL of an app, when it has one.</param>
/// <param name="Message">The status message, when there is one.</param>
public sealed record StatusRow(string Cluster, string Kind, string Name, string Phase, string? Url, string? Message);
