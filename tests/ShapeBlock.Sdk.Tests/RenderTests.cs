using ShapeBlock.Api.Schema;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Rendering;

namespace ShapeBlock.Sdk.Tests;

public sealed class RenderTests
{
    private static string GoldenDirectory => Path.Combine(TestSupport.RepositoryRoot, "tests", "ShapeBlock.Sdk.Tests", "Golden", "QuickStart");

    /// <summary>
    /// Set SHAPEBLOCK_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the git diff.
    /// The CRD file is compared with <see cref="CrdManifests"/> instead, so a change to the CR types does not need new golden files here.
    /// </summary>
    [Fact]
    public async Task QuickStart_render_matches_the_golden_files()
    {
        var all = PlanRenderer.Render(Planner.Create(TestSupport.QuickStart()));
        var crds = Assert.Single(all, f => f.Path.EndsWith("-platform-crds.yaml", StringComparison.Ordinal));
        var files = all.Where(f => f != crds).ToList();
        var expectedCrds = CrdManifests.Render().Select(c => YamlJson.Parse(c.Value)!["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(expectedCrds, YamlJson.ParseDocuments(crds.Content).Select(d => d["metadata"]!["name"]!.GetValue<string>()));
        var rendered = YamlJson.ParseDocuments(crds.Content);
        var generated = CrdManifests.Render().Select(c => YamlJson.Parse(c.Value)!).ToList();
        for (var i = 0; i < generated.Count; i++)
        {
            Assert.Equal(generated[i]["spec"]!.ToJsonString(), rendered[i]["spec"]!.ToJsonString());
        }

        if (Environment.GetEnvironmentVariable("SHAPEBLOCK_UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(GoldenDirectory))
            {
                Directory.Delete(GoldenDirectory, recursive: true);
            }

            await PlanRenderer.WriteAsync(files, GoldenDirectory);
        }

        var golden = Directory.GetFiles(GoldenDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(GoldenDirectory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(golden, files.Select(f => f.Path).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var expected = await File.ReadAllTextAsync(Path.Combine(GoldenDirectory, file.Path));
            Assert.True(expected == file.Content, $"{file.Path} differs from the golden file; if intended, rerun with SHAPEBLOCK_UPDATE_GOLDEN=1 and review the diff");
        }
    }

    [Fact]
    public void Every_rendered_yaml_file_parses_and_values_files_match_their_helmcharts()
    {
        var files = PlanRenderer.Render(Planner.Create(TestSupport.Stack(s => TestSupport.Existing(s))));

        foreach (var file in files.Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            Assert.NotEmpty(YamlJson.ParseDocuments(file.Content));
        }

        var charts = files.Where(f => !f.Path.EndsWith(".values.yaml", StringComparison.Ordinal))
            .SelectMany(f => YamlJson.ParseDocuments(f.Content))
            .Where(d => d["kind"]?.GetValue<string>() == "HelmChart")
            .ToList();
        Assert.Equal(charts.Count, files.Count(f => f.Path.EndsWith(".values.yaml", StringComparison.Ordinal)));
        Assert.Equal(["cert-manager", "ingress-nginx", "registry"], charts.Select(c => c["metadata"]!["name"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Written_files_match_the_rendered_ones_and_scripts_are_executable()
    {
        var dir = TestSupport.TempDirectory();
        var files = PlanRenderer.Render(Planner.Create(TestSupport.QuickStart()));

        await PlanRenderer.WriteAsync(files, dir);

        foreach (var file in files)
        {
            var path = Path.Combine(dir, file.Path);
            Assert.Equal(file.Content, await File.ReadAllTextAsync(path));
            if (file.IsScript && !OperatingSystem.IsWindows())
            {
                Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));
            }
        }
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("--flag", "--flag")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$(rm -rf /)", "'$(rm -rf /)'")]
    [InlineData("", "''")]
    [InlineData("memory.available<100Mi", "'memory.available<100Mi'")]
    public void Shell_words_are_quoted(string word, string quoted) => Assert.Equal(quoted, ShellScript.Quote(word));

    [Fact]
    public void Scripts_pass_flags_as_separate_quoted_words_and_read_secrets_from_the_environment()
    {
        var plan = Planner.Create(TestSupport.QuickStart());
        var step = plan.Find("prod/k3s/prod-workers-1")!;

        var script = ShellScript.Render(step.Script!, step.Title);

        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("set -eu\n", script, StringComparison.Ordinal);
        Assert.Contains(": \"${K3S_TOKEN:?set K3S_TOKEN (", script, StringComparison.Ordinal);
        Assert.Contains("curl -sfL https://get.k3s.io | env INSTALL_K3S_VERSION=v1.33.5+k3s1 K3S_TOKEN=\"$K3S_TOKEN\" K3S_URL=https://10.0.1.11:6443 sh -s - agent ", script, StringComparison.Ordinal);
        Assert.Contains("--node-label 'shapeblock.io/pool=workers'", script, StringComparison.Ordinal);
    }
}
