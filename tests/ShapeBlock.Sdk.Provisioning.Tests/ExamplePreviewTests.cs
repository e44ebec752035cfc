using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Model;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>The provisioning examples preview with no credentials at all (what their READMEs promise), calling nothing.</summary>
public sealed class ExamplePreviewTests
{
    public static TheoryData<string> Examples => ["Hetzner", "DigitalOcean", "SshMachines"];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Preview_without_credentials_exits_0_and_shows_machines_k3s_and_the_app(string example)
    {
        var (define, cluster, missing) = Example(example);
        var home = Directory.CreateTempSubdirectory("sb-example-").FullName;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            // An empty environment and a home without keys: nothing can be read, so nothing may be called.
            var host = new ProgramHost(output, error, false, new SecretResolver(name => name == "HOME" ? home : null, home))
            {
                Connectors = [new ExistingClusterConnector(), new ProvisionedClusterConnector(new ProvisionOptions { HetznerApiUrl = new Uri("http://127.0.0.1:1/v1"), DigitalOceanApiUrl = new Uri("http://127.0.0.1:1/v2") })],
            };

            var code = await ShapeBlockProgram.RunAsync(["preview"], define, host);

            Assert.True(code == ExitCodes.Ok, output + "\n" + error);
            var text = output.ToString();
            Assert.Contains("against an empty world: credentials are missing", text, StringComparison.Ordinal);
            Assert.Contains(missing, text, StringComparison.Ordinal);
            Assert.Contains($"k3s server on {cluster}-master-1", text, StringComparison.Ordinal);
            Assert.Contains("apps.shapeblock.io/App demo/web", text, StringComparison.Ordinal);
            Assert.Contains("Summary:", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static (Action<Stack> Define, string Cluster, string Missing) Example(string name) => name switch
    {
        "Hetzner" => (HetznerExample.HetznerStack.Define, "hetzner-demo", "HCLOUD_TOKEN"),
        "DigitalOcean" => (DigitalOceanExample.DigitalOceanStack.Define, "do-demo", "DIGITALOCEAN_TOKEN"),
        _ => (SshMachinesExample.SshMachinesStack.Define, "machines", "SSH private key"),
    };
}
