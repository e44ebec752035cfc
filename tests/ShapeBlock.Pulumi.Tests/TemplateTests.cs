namespace ShapeBlock.Pulumi.Tests;

/// <summary>
/// The shapeblock-pulumi template's Program.cs is compiled into this assembly as its entry point (see the csproj), so
/// it type-checks against ShapeBlock.Pulumi and the shim; this runs it with a stack configuration.
/// </summary>
public sealed class TemplateTests
{
    [Fact]
    public void The_template_program_declares_a_cluster_project_service_and_app()
    {
        var h = new Harness(stack: "dev", project: "ShapeBlockPulumiApp");
        h.Registry.Config["ShapeBlockPulumiApp:token"] = (Models.Token, true);
        h.Registry.Config["ShapeBlockPulumiApp:sshPublicKey"] = (Models.PublicKey, false);
        h.Registry.Config["ShapeBlockPulumiApp:sessionSecret"] = ("SESSION", true);
        h.Registry.Config["ShapeBlockPulumiApp:masters"] = ("3", false);
        var entry = typeof(TemplateTests).Assembly.EntryPoint!;

        h.Run(() => Assert.Equal(0, entry.Invoke(null, [Array.Empty<string>()])));

        Assert.Single(h.OfType(Cluster.TypeToken));
        Assert.Single(h.OfType(Project.TypeToken));
        Assert.Single(h.OfType(Service.TypeToken));
        Assert.Single(h.OfType(App.TypeToken));
        Assert.Single(h.OfType("hcloud:index/loadBalancer:LoadBalancer"));
        Assert.Equal(4, h.OfType("hcloud:index/server:Server").Count());
        Assert.Equal(["apiEndpoint", "kubeconfig", "nodeIps", "urls"], h.Registry.StackOutputs!.Keys.Order());
        Assert.DoesNotContain(h.Resources.SelectMany(Harness.Leaves), l => !l.Secret && l.Value.Contains(Models.Token, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_setting_names_the_config_key()
    {
        var h = new Harness(stack: "dev", project: "ShapeBlockPulumiApp");
        var entry = typeof(TemplateTests).Assembly.EntryPoint!;
        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => h.Run(() => entry.Invoke(null, [Array.Empty<string>()])));
        Assert.Contains("ShapeBlockPulumiApp:token", error.InnerException!.Message, StringComparison.Ordinal);
    }
}
