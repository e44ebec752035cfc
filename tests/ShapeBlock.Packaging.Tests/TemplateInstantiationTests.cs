using System.Security.Cryptography;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace ShapeBlock.Packaging.Tests;

/// <summary>
/// What a user does: dotnet new install the template pack, dotnet new a project, dotnet build it against the packed
/// ShapeBlock packages, dotnet run -- preview with no credentials. Every step in an isolated hive and package folder.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class TemplateInstantiationTests(PackagingFixture fixture, ITestOutputHelper output)
{
    // Variables that would give the programs credentials or a cluster to read: a preview here must need none.
    private static readonly string[] CredentialVariables =
        ["HCLOUD_TOKEN", "DIGITALOCEAN_TOKEN", "KUBECONFIG", "KUBECONFIG_PATH", "KUBECONFIG_CONTENT", "KUBE_CONTEXT", "SB_MASTER", "SB_WORKER", "SB_SSH_KEY", "BASE_DOMAIN", "SSH_AUTH_SOCK"];

    public static TheoryData<string, string, string[], string[]> Cases => new()
    {
        // template, project name, extra dotnet new arguments, lines the preview must show
        { "shapeblock-cluster", "HetznerCluster", [], ["Hetzner API token (environment variable HCLOUD_TOKEN is not set)", "+ server prod-master-1 (cx22, master)", "+ server prod-workers-2 (cx22, worker, pool workers)", "+ apps.shapeblock.io/Service demo/db"] },
        { "shapeblock-cluster", "DoCluster", ["--provider", "digitalocean"], ["DigitalOcean API token (environment variable DIGITALOCEAN_TOKEN is not set)", "+ droplet prod-master-1 (s-2vcpu-4gb, master)", "+ apps.shapeblock.io/Service demo/db"] },
        { "shapeblock-cluster", "SshCluster", ["--provider", "ssh"], ["SSH private key (file ~/.ssh/id_ed25519 does not exist)", "+ k3s server on prod-master-1 (initialises the cluster)", "+ k3s agent on prod-workers-1"] },
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

        foreach (var shortName in Repository.TemplateFolders)
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

        WriteNugetConfig(directory);
        var build = await ChildProcess.RunAsync("dotnet", ["build", "--nologo"], directory, TimeSpan.FromMinutes(10));
        output.WriteLine(build.ToString());
        Assert.True(build.ExitCode == 0, build.ToString());
        AssertRestoredFromThisPack("ShapeBlock.Sdk");
        AssertRestoredFromThisPack("ShapeBlock.Api");

        // No credentials, no kubeconfig, no SSH key: HOME is an empty folder (the dotnet CLI keeps its own home).
        var home = Directory.CreateDirectory(Path.Combine(fixture.WorkRoot, "home-" + name)).FullName;
        var environment = CredentialVariables.ToDictionary(v => v, string? (_) => null);
        environment["HOME"] = home;
        environment["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var preview = await ChildProcess.RunAsync("dotnet", ["run", "--no-build", "--", "preview"], directory, TimeSpan.FromMinutes(3), environment);
        output.WriteLine(preview.ToString());

        Assert.True(preview.ExitCode == 0, preview.ToString());
        Assert.True(preview.Output.Contains("against an empty world: credentials are missing", StringComparison.Ordinal), preview.ToString());
        // The CRDs are rendered from ShapeBlock.Api's types and XML docs: this line needs the docs copied to the output.
        Assert.True(preview.Output.Contains("+ apiextensions.k8s.io/CustomResourceDefinition apps.apps.shapeblock.io", StringComparison.Ordinal), preview.ToString());
        foreach (var line in expectedLines)
        {
            Assert.True(preview.Output.Contains(line, StringComparison.Ordinal), $"the preview does not show '{line}':\n{preview}");
        }

        var summary = preview.Output.Split('\n').SingleOrDefault(l => l.StartsWith("Summary:", StringComparison.Ordinal));
        Assert.True(summary is not null && summary.Contains(" 0 to delete", StringComparison.Ordinal) && !summary.StartsWith("Summary: 0 to create", StringComparison.Ordinal), preview.ToString());
    }

    /// <summary>
    /// Sources: the packed folder for ShapeBlock.* and the repository's upstream for the rest. Packages restore into
    /// this run's own folder: a ShapeBlock package of the same version left in ~/.nuget/packages by an earlier pack
    /// would otherwise be used instead of the one just packed.
    /// </summary>
    private void WriteNugetConfig(string directory)
    {
        var sources = new XElement("packageSources", new XElement("clear"));
        var mapping = new XElement("packageSourceMapping");
        foreach (var (key, url) in Repository.UpstreamSources)
        {
            sources.Add(new XElement("add", new XAttribute("key", key), new XAttribute("value", url)));
            mapping.Add(new XElement("packageSource", new XAttribute("key", key), new XElement("package", new XAttribute("pattern", "*"))));
        }

        sources.Add(new XElement("add", new XAttribute("key", "shapeblock-packed"), new XAttribute("value", fixture.PackagesFolder)));
        mapping.Add(new XElement("packageSource", new XAttribute("key", "shapeblock-packed"), new XElement("package", new XAttribute("pattern", "ShapeBlock.*"))));
        new XDocument(new XElement("configuration",
            new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", fixture.RestoreFolder))),
            new XElement("fallbackPackageFolders", new XElement("clear")),
            sources,
            mapping)).Save(Path.Combine(directory, "nuget.config"));
    }

    /// <summary>The restored package is byte for byte the one packed by this run (NuGet records the nupkg's SHA-512).</summary>
    private void AssertRestoredFromThisPack(string id)
    {
        var hashFile = Path.Combine(fixture.RestoreFolder, id.ToLowerInvariant(), Repository.Version, $"{id.ToLowerInvariant()}.{Repository.Version}.nupkg.sha512");
        Assert.True(File.Exists(hashFile), $"{id} was not restored into {fixture.RestoreFolder}");
        var packed = Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(fixture.PackageFile(id))));
        Assert.Equal(packed, File.ReadAllText(hashFile).Trim());
    }
}
