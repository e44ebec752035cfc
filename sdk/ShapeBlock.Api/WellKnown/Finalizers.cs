namespace ShapeBlock.Api;

/// <summary>Finalizers the operator puts on ShapeBlock resources (names kept from the existing operator).</summary>
public static class Finalizers
{
    /// <summary>On a Project: its namespace is deleted and observed gone before the Project goes.</summary>
    public const string Project = "apps.shapeblock.io/finalizer";

    /// <summary>On an App: builds, jobs, the release, the git-auth Secret and build caches are removed first.</summary>
    public const string App = "apps.shapeblock.io/app-cleanup";

    /// <summary>On an AppBuild: its Job and build Secrets are removed first.</summary>
    public const string AppBuild = "apps.shapeblock.io/build-cleanup";

    /// <summary>On a Service: its release is uninstalled and its volumes handled per <c>deletionPolicy</c>.</summary>
    public const string Service = "apps.shapeblock.io/service-cleanup";

    /// <summary>On a Team: its RoleBindings are removed from every project first.</summary>
    public const string Team = "apps.shapeblock.io/team-cleanup";
}
