using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Api;
using ShapeBlock.Operator.Tests.Infrastructure;

namespace ShapeBlock.Operator.Tests;

public sealed class TeamTests : OperatorTest
{
    [Fact]
    public async Task A_team_is_bound_in_each_project_and_unbound_when_a_project_is_dropped()
    {
        await StartOperatorAsync();
        CreateProject("shop");
        CreateProject("blog");
        await WaitForProjectAsync("shop", "Active");
        await WaitForProjectAsync("blog", "Active");

        CreateTeam("web", ("shop", "developer"), ("blog", "viewer"));
        var team = await WaitForTeamAsync("web", "Active");
        Assert.Equal(["blog", "shop"], team["status"]!["boundProjects"]!.AsArray().Select(p => p!.GetValue<string>()).Order());

        var shop = await Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("shapeblock-team-web", "shop");
        Assert.Equal("shapeblock-developer", shop.RoleRef.Name);
        Assert.Equal("ClusterRole", shop.RoleRef.Kind);
        Assert.Equal(["alice@example.com", "ci", "devs"], shop.Subjects.Select(s => s.Name).Order());
        Assert.Equal("shop", shop.Subjects.Single(s => s.Kind == "ServiceAccount").NamespaceProperty);
        var blog = await Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("shapeblock-team-web", "blog");
        Assert.Equal("shapeblock-viewer", blog.RoleRef.Name);

        var patch = new V1Patch("""{"spec":{"projects":[{"name":"shop","role":"admin"}]}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchClusterCustomObjectAsync(patch, ApiGroup.Name, ApiGroup.Version, "teams", "web");

        await Server.WaitForDeletionAsync("rbac.authorization.k8s.io/v1", "RoleBinding", "blog", "shapeblock-team-web", Bound);
        await Server.WaitForAsync("rbac.authorization.k8s.io/v1", "RoleBinding", "shop", "shapeblock-team-web", b => b["roleRef"]!["name"]!.GetValue<string>() == "shapeblock-admin", Bound);
    }

    [Fact]
    public async Task A_missing_project_fails_the_team_until_the_project_exists()
    {
        await StartOperatorAsync();
        CreateTeam("ops", ("infra", "admin"));

        var failed = await WaitForTeamAsync("ops", "Failed");
        Assert.Contains("infra", failed["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        CreateProject("infra");
        await WaitForTeamAsync("ops", "Active");
        Assert.NotNull(await Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("shapeblock-team-ops", "infra"));
    }

    [Fact]
    public async Task Deleting_a_team_removes_its_bindings()
    {
        await StartOperatorAsync();
        CreateProject("shop");
        await WaitForProjectAsync("shop", "Active");
        CreateTeam("web", ("shop", "viewer"));
        await WaitForTeamAsync("web", "Active");

        await Client.CustomObjects.DeleteClusterCustomObjectAsync(ApiGroup.Name, ApiGroup.Version, "teams", "web");

        await Server.WaitForDeletionAsync("rbac.authorization.k8s.io/v1", "RoleBinding", "shop", "shapeblock-team-web", Bound);
        await Server.WaitForDeletionAsync(ApiGroup.ApiVersion, "Team", null, "web", Bound);
    }

    private void CreateTeam(string name, params (string Project, string Role)[] projects) => Server.Create(new JsonObject
    {
        ["apiVersion"] = ApiGroup.ApiVersion,
        ["kind"] = "Team",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["members"] = new JsonArray(
                new JsonObject { ["kind"] = "User", ["name"] = "alice@example.com" },
                new JsonObject { ["kind"] = "Group", ["name"] = "devs" },
                new JsonObject { ["kind"] = "ServiceAccount", ["name"] = "ci", ["namespace"] = "shop" }),
            ["projects"] = new JsonArray([.. projects.Select(p => (JsonNode)new JsonObject { ["name"] = p.Project, ["role"] = p.Role })]),
        },
    });

    private Task<JsonObject> WaitForTeamAsync(string name, string phase) =>
        Server.WaitForAsync(ApiGroup.ApiVersion, "Team", null, name, t => t["status"]?["phase"]?.GetValue<string>() == phase, Bound);
}
