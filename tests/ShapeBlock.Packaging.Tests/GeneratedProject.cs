using System.Security.Cryptography;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace ShapeBlock.Packaging.Tests;

/// <summary>A project made outside the repository (by a template or by hand) that uses the packed ShapeBlock packages.</summary>
/// <param name="fixture">The run's packages and folders.</param>
/// <param name="directory">The project folder.</param>
/// <param name="output">Where child output is logged.</param>
public sealed class GeneratedProject(PackagingFixture fixture, string directory, ITestOutputHelper output)
{
    // Variables that would give the programs credentials or a cluster to read: a preview here must need none.
    private static readonly string[] CredentialVariables =
        ["HCLOUD_TOKEN", "DIGITALOCEAN_TOKEN", "KUBECONFIG", "KUBECONFIG_PATH", "KUBECONFIG_CONTENT", "KUBE_CONTEXT", "SB_MASTER", "SB_WORKER", "SB_SSH_KEY", "BASE_DOMAIN", "SSH_AUTH_SOCK"];

    /// <summary>Builds the project and checks that the ShapeBlock packages it restored are the ones this run packed.</summary>
    /// <returns>A task.</returns>
    public async Task BuildAsync()
    {
        var build = await ChildProcess.RunAsync("dotnet", ["build", "--nologo"], directory, TimeSpan.FromMinutes(10));
        output.WriteLine(build.ToString());
        Assert.True(build.ExitCode == 0, build.ToString());
        AssertRestoredFromThisPack("ShapeBlock.Sdk");
        AssertRestoredFromThisPack("ShapeBlock.Api");
    }

    /// <summary>Runs <c>dotnet run -- preview</c> with no credentials and checks it planned the platform.</summary>
    /// <returns>The preview run.</returns>
    public async Task<ProcessResult> PreviewWithoutCredentialsAsync()
    {
        // No credentials, no kubeconfig, no SSH key: HOME is an empty folder (the dotnet CLI keeps its own home).
        var home = Directory.CreateDirectory(Path.Combine(fixture.WorkRoot, "home-" + Path.GetFileName(directory))).FullName;
        var environment = CredentialVariables.ToDictionary(v => v, string? (_) => null);
        environment["HOME"] = home;
        environment["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var preview = await ChildProcess.RunAsync("dotnet", ["run", "--no-build", "--", "preview"], directory, TimeSpan.FromMinutes(3), environment);
        output.WriteLine(preview.ToString());

        Assert.True(preview.ExitCode == 0, preview.ToString());
        Assert.True(preview.Output.Contains("against an empty world: credentials are missing", StringComparison.Ordinal), preview.ToString());
        // The CRDs are rendered from ShapeBlock.Api's types and XML docs: this line needs the docs copied to the output.
        Assert.True(preview.Output.Contains("+ apiextensions.k8s.io/CustomResourceDefinition apps.apps.shapeblock.io", StringComparison.Ordinal), preview.ToString());
        return preview;
    }

    /// <summary>
    /// Sources: the packed folder for ShapeBlock.* and the repository's upstream for the rest. Packages restore into
    /// this run's own folder: a ShapeBlock package of the same version left in ~/.nuget/packages by an earlier pack
    /// would otherwise be used instead of the one just packed.
    /// </summary>
    public void WriteNugetConfig()
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
