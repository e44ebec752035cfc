using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Testing.Kubernetes;
using ShapeBlock.Testing.Kubernetes.Simulators;

// The in-memory Kubernetes API server as a standalone process, for kubectl and for programs under test:
//   dotnet run --project tests/ShapeBlock.Testing.Kubernetes.Host -- --port 0 --kubeconfig /tmp/kubeconfig
// Prints "ready" on stdout once it serves; stops on SIGINT/SIGTERM.
var port = 0;
string? kubeconfig = null;
var crdDirectories = new List<string>();
var shapeBlockCrds = false;
var simulators = SimulatorKinds.None;
var history = 5000;
var bookmarkSeconds = 5.0;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--port":
            port = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--kubeconfig":
            kubeconfig = Next();
            break;
        case "--crds":
            crdDirectories.Add(Next());
            break;
        case "--shapeblock-crds":
            shapeBlockCrds = true;
            break;
        case "--simulators":
            foreach (var name in Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                simulators |= Enum.Parse<SimulatorKinds>(name, ignoreCase: true);
            }

            break;
        case "--history":
            history = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--bookmark-interval":
            bookmarkSeconds = double.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: ShapeBlock.Testing.Kubernetes.Host --port <p> --kubeconfig <file> [--crds <dir>]... [--shapeblock-crds] [--simulators jobs,workloads,helm|all] [--history <n>] [--bookmark-interval <seconds>]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown option {args[i]} (see --help)");
            return 2;
    }
}

if (kubeconfig is null)
{
    Console.Error.WriteLine("--kubeconfig <file> is required");
    return 2;
}

var crds = new List<JsonObject>();
foreach (var directory in crdDirectories)
{
    foreach (var file in Directory.GetFiles(directory).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
    {
        crds.AddRange(YamlJson.ParseDocuments(File.ReadAllText(file)).OfType<JsonObject>().Where(d => d["kind"]?.GetValue<string>() == "CustomResourceDefinition"));
    }
}

using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

await using var server = await InMemoryKubernetes.StartAsync(new InMemoryKubernetesOptions
{
    Port = port,
    KubeconfigPath = Path.GetFullPath(kubeconfig),
    Crds = crds,
    ShapeBlockCrds = shapeBlockCrds,
    Simulators = simulators,
    WatchHistoryLimit = history,
    BookmarkInterval = TimeSpan.FromSeconds(bookmarkSeconds),
});
Console.Error.WriteLine($"in-memory Kubernetes API server on {server.BaseUri} (kubeconfig {server.KubeconfigPath}, {crds.Count} CRDs from files)");
Console.Out.WriteLine("ready");
Console.Out.Flush();
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
