using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Model;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Rendering;

namespace ShapeBlock.Sdk.Tests;

/// <summary>No secret value appears in any output: preview (text, terminal, --json, --verbose), render, errors.</summary>
public sealed class SecretLeakTests
{
    private const string HcloudToken = "hcloud-TOKEN-4f1c9a7e";
    private const string StripeKey = "sk_live_STRIPE_77ab31";
    private const string FileSecret = "file-SECRET-9d3e55";
    private const string LiteralSecret = "literal-SECRET-1b2c08";
    private const string Kubeconfig = "kubeconfig-SECRET-5e6f42";
    private const string SshKey = "-----BEGIN OPENSSH PRIVATE KEY-----SSHKEY-0c0ffee";

    private readonly string directory = TestSupport.TempDirectory();

    private Dictionary<string, string> Environment => new()
    {
        ["HCLOUD_TOKEN"] = HcloudToken,
        ["STRIPE_KEY"] = StripeKey,
        ["KUBECONFIG_CONTENT"] = Kubeconfig,
    };

    private void Define(Stack stack)
    {
        File.WriteAllText(Path.Combine(directory, "api-secret.txt"), FileSecret + "\n");
        File.WriteAllText(Path.Combine(directory, "id_ed25519"), SshKey);
        var prod = stack.Add(new Cluster("prod", new ClusterArgs
        {
            Provider = new HetznerProvider { Token = Secret.FromEnvironment("HCLOUD_TOKEN"), SshPrivateKey = Secret.FromFile("id_ed25519") },
            Masters = new MasterPool { Count = 3 },
            NodePools = { new NodePool("workers") { Count = 2 } },
            Addons = { CertManager = new("ops@example.com") },
        }));
        var shop = prod.AddProject("shop");
        var db = shop.AddService("db", Service.Postgres());
        shop.AddApp("web", new AppArgs
        {
            Git = new("https://github.com/acme/shop.git"),
            Env =
            {
                ["STRIPE_KEY"] = Secret.FromEnvironment("STRIPE_KEY"),
                ["API_SECRET"] = Secret.FromFile("api-secret.txt"),
                ["LITERAL"] = Secret.Literal(LiteralSecret),
                ["PLAIN"] = "visible",
            },
            Bind = { db },
        });
        var lab = stack.Add(new Cluster("lab", new ClusterArgs { Provider = ExistingCluster.FromKubeconfig(Secret.FromEnvironment("KUBECONFIG_CONTENT")) }));
        lab.AddProject("demo").AddApp("hello", new AppArgs { Build = Build.Image("nginx:1"), Env = { ["TOKEN"] = Secret.Literal(LiteralSecret) } });
    }

    [Fact]
    public async Task No_secret_value_appears_in_any_cli_output_or_rendered_file()
    {
        var outputs = new StringBuilder();
        string[][] commandLines =
        [
            ["preview"], ["preview", "--verbose"], ["preview", "--json"], ["preview", "--json", "--verbose"],
            ["render", "out"], ["render", "out-json", "--json", "--verbose"], ["up", "--yes"], ["destroy", "--yes", "--json"], ["status"], ["kubeconfig"],
        ];
        foreach (var args in commandLines)
        {
            foreach (var terminal in new[] { false, true })
            {
                var run = await TestSupport.RunAsync(Define, Environment, directory, terminal, args);
                // up/destroy/status fail (the cloud is a closed port, the lab kubeconfig is no kubeconfig) and kubeconfig refuses two clusters: their errors are checked too.
                Assert.True(run.ExitCode is ExitCodes.Ok or ExitCodes.ApplyFailed or ExitCodes.MissingCredentials or ExitCodes.Usage, $"{string.Join(' ', args)} exited {run.ExitCode}: {run.Error}");
                outputs.Append(run.All);
            }
        }

        var all = outputs.ToString();
        Assert.Contains("visible", all, StringComparison.Ordinal);
        Assert.Contains("(secret)", all, StringComparison.Ordinal);
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal) && !f.EndsWith("id_ed25519", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count > 40, $"only {files.Count} rendered files");
        foreach (var secret in new[] { HcloudToken, StripeKey, FileSecret, LiteralSecret, Kubeconfig, SshKey })
        {
            AssertAbsent(secret, all, "CLI output");
            foreach (var file in files)
            {
                AssertAbsent(secret, await File.ReadAllTextAsync(file), file);
            }
        }
    }

    [Fact]
    public void Generated_and_derived_secret_values_stay_out_of_plans_renders_and_previews()
    {
        var stack = TestSupport.Stack(Define);
        var resolver = TestSupport.Resolver(Environment, directory);
        var plan = Planner.Create(stack);

        // Compute every value the engine would send (registry password, htpasswd, docker config, k3s token, env secrets)…
        var recipes = plan.Objects.SelectMany(o => o.SecretData.Values)
            .Concat(plan.Steps.Where(s => s.Script is not null).SelectMany(s => s.Script!.Commands).SelectMany(c => c.Environment).Select(e => e.Secret).OfType<SecretValue>())
            .ToList();
        var values = recipes.Select(r => r.Reveal(resolver)).ToList();
        Assert.Contains(values, v => v.StartsWith("shapeblock:$2y$10$", StringComparison.Ordinal));
        Assert.Contains(values, v => v.Contains("\"auths\"", StringComparison.Ordinal));
        Assert.Contains(StripeKey, values);

        // …then everything that can be shown of that same plan.
        var shown = new StringBuilder();
        foreach (var file in PlanRenderer.Render(plan))
        {
            shown.Append(file.Content);
        }

        var diff = Differ.Diff(plan, LiveState.Empty);
        foreach (var verbose in new[] { false, true })
        {
            var output = new StringWriter();
            var host = new ProgramHost(output, output, false, resolver);
            var options = new CommandOptions("preview", "dev", false, verbose);
            IOutput[] writers = [new PlainOutput(host, verbose), new JsonOutput(host, verbose), new SpectreOutput(host, verbose)];
            foreach (var writer in writers)
            {
                writer.Preview(diff);
                writer.Result(options, 0, diff, new EngineTally());
            }

            shown.Append(output);
        }

        shown.Append(string.Join('\n', plan.Objects.Select(o => o.Manifest.ToJsonString())));
        shown.Append(string.Join('\n', recipes.Select(r => r.ToString() + r.Description)));
        var text = shown.ToString();
        foreach (var value in values.Append(HcloudToken).Append(Kubeconfig))
        {
            AssertAbsent(value, text, "plan, render or preview");
            foreach (var line in value.Split('\n').Where(l => l.Length >= 12))
            {
                AssertAbsent(line, text, "plan, render or preview");
            }
        }
    }

    [Fact]
    public void A_secret_prints_and_serializes_as_a_mask()
    {
        var secret = Secret.Literal(LiteralSecret);
        EnvValue env = secret;
        var reflection = JsonSerializer.Serialize(secret, new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() });

        Assert.Equal("***", secret.ToString());
        Assert.Equal("***", $"{secret}");
        Assert.Equal("***", env.ToString());
        Assert.DoesNotContain(LiteralSecret, reflection, StringComparison.Ordinal);
        Assert.Equal("a literal value", secret.Source);
    }

    [Fact]
    public void A_secret_that_cannot_be_read_names_its_source_only()
    {
        var missing = Secret.FromEnvironment("NOT_SET_ANYWHERE");

        var e = Assert.Throws<InvalidOperationException>(() => missing.Reveal(TestSupport.Resolver()));

        Assert.Equal("The secret from environment variable NOT_SET_ANYWHERE cannot be read: environment variable NOT_SET_ANYWHERE is not set.", e.Message);
    }

    private static void AssertAbsent(string secret, string text, string where)
    {
        Assert.False(text.Contains(secret, StringComparison.Ordinal), $"secret value found in {where}");
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        Assert.False(text.Contains(base64, StringComparison.Ordinal), $"base64 of a secret value found in {where}");
    }
}
