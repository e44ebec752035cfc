using Xunit.Abstractions;

namespace ShapeBlock.Packaging.Tests;

/// <summary>
/// What a user does: dotnet new install the template pack, dotnet new a project, dotnet build it against the packed
/// ShapeBlock packages, dotnet run -- preview with no credentials. Every step in an isolated hive and package folder.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class TemplateInstantiationTests(PackagingFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string, string, string[], string[]> Cases => new()
    {
        // template, project name, extra dotnet new arguments, lines the preview must show
        // (without credentials the cloud and the machines are not read: their steps show as '?', not as create)
        { "shapeblock-cluster", "HetznerCluster", [], ["Hetzner API token (environment variable HCLOUD_TOKEN is not set)", "? server prod-master-1 (cx22, master)", "? server prod-workers-2 (cx22, worker, pool workers)", "+ apps.shapeblock.io/Service demo/db"] },
        { "shapeblock-cluster", "DoCluster", ["--provider", "digitalocean"], ["DigitalOcean API token (environment variable DIGITALOCEAN_TOKEN is not set)", "? droplet prod-master-1 (s-2vcpu-4gb, master)", "+ apps.shapeblock.io/Service demo/db"] },
        { "shapeblock-cluster", "SshCluster", ["--provider", "ssh"], ["SSH private key (file ~/.ssh/id_ed25519 does not exist)", "? k3s server on prod-master-1 (initialises the cluster)", "? k3s agent on prod-workers-1"] },
        { "shapeblock-cluster", "EdgeCluster", ["--provider", "existing", "--cluster-name", "edge"], ["edge: kubeconfig (file ~/.kube/config does not exist)", "+ Namespace shapeblock", "+ apps.shapeblock.io/Service demo/db"] },
        { "shapeblock-apps", "ShopApps", ["--project-name", "shop"], ["existing: kubeconfig (file ~/.kube/config does not exist)", "+ apps.shapeblock.io/Project shop", "+ apps.shapeblock.io/Service shop/cache", "+ apps.shapeblock.io/App shop/web", "+ apps.shapeblock.io/AppBuild shop/web-1-27", "+ apps.shapeblock.io/Team developers"] },
    };

    [Fact]
    public async Task Template_pack_and_template_folder_install_the_same_templates()
    {
        await fixture.EnsureTemplatesInstalledAsync();
        var fromPackage = await fixture.DotnetNew(["list", "shapeblock"], fixture.Hive);
        Assert.True(fromPackage.ExitCode == 0, fromPackage.ToString());

        var folderHive = Path.Combine(fixture.WorkRoot, "hive-folder");
        var install = await fixture.DotnetNew(["install", Path.Combine(Repository.Root, "templates", "content")], folderHive);
        Assert.True(install.ExitCode == 0, install.ToString());
        var fromFolder = await fixture.DotnetNew(["list", "shapeblock"], folderHive);
        Assert.True(fromFolder.ExitCode == 0, fromFolder.ToString());

        foreach (var shortName in Repository.TemplateFolders.Select(f => (string)Repository.TemplateJson(f)["shortName"]!))
        {
            Assert.True(fromPackage.Output.Contains(shortName, StringComparison.Ordinal), $"{shortName} not installed from the package:\n{fromPackage}");
            Assert.True(fromFolder.Output.Contains(shortName, StringComparison.Ordinal), $"{shortName} not installed from the folder:\n{fromFolder}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Sdk_template_builds_against_the_packed_packages_and_previews_without_credentials(
        string template, string name, string[] arguments, string[] expectedLines)
    {
        await fixture.EnsureTemplatesInstalledAsync();
        var directory = Path.Combine(fixture.WorkRoot, "projects", name);

        var created = await fixture.DotnetNew([template, "--name", name, "--output", directory, "--no-update-check", .. arguments], fixture.Hive);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(File.Exists(Path.Combine(directory, name + ".csproj")), $"no {name}.csproj:\n{created}");
        Assert.Contains($"Version=\"{Repository.Version}\"", File.ReadAllText(Path.Combine(directory, name + ".csproj")), StringComparison.Ordinal);
        Assert.DoesNotContain("#if", File.ReadAllText(Path.Combine(directory, "Program.cs")), StringComparison.Ordinal);

        var generated = new GeneratedProject(fixture, directory, output);
        generated.WriteNugetConfig();
        await generated.BuildAsync();
        var preview = await generated.PreviewWithoutCredentialsAsync();
        foreach (var line in expectedLines)
        {
            Assert.True(preview.Output.Contains(line, StringComparison.Ordinal), $"the preview does not show '{line}':\n{preview}");
        }

        var summary = preview.Output.Split('\n').SingleOrDefault(l => l.StartsWith("Summary:", StringComparison.Ordinal));
        Assert.True(summary is not null && summary.Contains(" 0 to delete", StringComparison.Ordinal) && !summary.StartsWith("Summary: 0 to create", StringComparison.Ordinal), preview.ToString());
    }

    [Fact]
    public async Task Pulumi_template_instantiates_a_Pulumi_program_on_the_packed_version()
    {
        // Not built here: the Pulumi packages are not on this machine's feed. Its Program.cs is compiled and run against
        // the shim by ShapeBlock.Pulumi.Tests (TemplateTests); this checks what dotnet new makes of the folder.
        await fixture.EnsureTemplatesInstalledAsync();
        var directory = Path.Combine(fixture.WorkRoot, "projects", "EdgePulumi");

        var created = await fixture.DotnetNew(["shapeblock-pulumi", "--name", "EdgePulumi", "--output", directory, "--provider", "digitalocean", "--no-update-check"], fixture.Hive);
        Assert.True(created.ExitCode == 0, created.ToString());

        var project = File.ReadAllText(Path.Combine(directory, "EdgePulumi.csproj"));
        Assert.Contains($"Include=\"ShapeBlock.Pulumi\" Version=\"{Repository.Version}\"", project, StringComparison.Ordinal);
        Assert.Contains("Include=\"Pulumi\"", project, StringComparison.Ordinal);
        Assert.Contains("name: EdgePulumi", File.ReadAllText(Path.Combine(directory, "Pulumi.yaml")), StringComparison.Ordinal);
        Assert.Contains("runtime: dotnet", File.ReadAllText(Path.Combine(directory, "Pulumi.yaml")), StringComparison.Ordinal);
        var program = File.ReadAllText(Path.Combine(directory, "Program.cs"));
        Assert.Contains("Provider = \"digitalocean\"", program, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories),
            f => File.ReadAllText(f).Contains("ShapeBlockPulumiApp", StringComparison.Ordinal) || File.ReadAllText(f).Contains("SHAPEBLOCK_VERSION", StringComparison.Ordinal));
    }
}
