using Xunit.Abstractions;

namespace ShapeBlock.Packaging.Tests;

/// <summary>The README's second way in, as written there: the package added to a plain console program.</summary>
[Collection(PackagingCollection.Name)]
public sealed class ReadmeNugetImportTests(PackagingFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Readme_program_builds_on_the_packed_sdk_package_and_previews_without_credentials()
    {
        var directory = Path.Combine(fixture.WorkRoot, "projects", "ReadmeImport");
        var created = await fixture.DotnetNew(["console", "--name", "ReadmeImport", "--output", directory, "--no-restore"], Path.Combine(fixture.WorkRoot, "hive-console"));
        Assert.True(created.ExitCode == 0, created.ToString());

        var generated = new GeneratedProject(fixture, directory, output);
        generated.WriteNugetConfig();
        var add = await ChildProcess.RunAsync("dotnet", ["add", "package", "ShapeBlock.Sdk", "--version", Repository.Version], directory, TimeSpan.FromMinutes(5));
        Assert.True(add.ExitCode == 0, add.ToString());
        File.WriteAllText(Path.Combine(directory, "Program.cs"), ReadmeProgram());

        await generated.BuildAsync();
        var preview = await generated.PreviewWithoutCredentialsAsync();

        Assert.True(preview.Output.Contains("prod: kubeconfig (file ~/.kube/config does not exist)", StringComparison.Ordinal), preview.ToString());
        Assert.True(preview.Output.Contains("+ apps.shapeblock.io/App demo/web", StringComparison.Ordinal), preview.ToString());
    }

    /// <summary>The README's C# block (the only one that calls <c>ShapeBlockProgram.RunAsync</c>).</summary>
    private static string ReadmeProgram()
    {
        const string fence = "```csharp\n";
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).ReplaceLineEndings("\n");
        var blocks = new List<string>();
        for (var start = readme.IndexOf(fence, StringComparison.Ordinal); start >= 0; start = readme.IndexOf(fence, start + 1, StringComparison.Ordinal))
        {
            var body = start + fence.Length;
            blocks.Add(readme[body..readme.IndexOf("```", body, StringComparison.Ordinal)]);
        }

        return Assert.Single(blocks, b => b.Contains("ShapeBlockProgram.RunAsync", StringComparison.Ordinal));
    }
}
