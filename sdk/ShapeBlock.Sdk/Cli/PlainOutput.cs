using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Rendering;
using ShapeBlock.Sdk.Validation;

namespace ShapeBlock.Sdk.Cli;

/// <summary>Plain lines for logs and pipes (standard output redirected).</summary>
internal sealed class PlainOutput(ProgramHost host, bool verbose) : IOutput
{
    private readonly Lock gate = new();

    public void Start(CommandOptions options)
    {
        if (verbose)
        {
            host.Out.WriteLine($"shapeblock {options.Command} (stack {options.Stack})");
        }
    }

    public void Notice(string message) => host.Out.WriteLine(message);

    public void Problems(ValidationReport report)
    {
        var errors = report.Errors.ToList();
        if (errors.Count > 0)
        {
            host.Error.WriteLine($"The model has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}; nothing was called:");
            foreach (var problem in errors)
            {
                host.Error.WriteLine($"  error: {problem}");
            }
        }

        foreach (var warning in report.Warnings)
        {
            host.Error.WriteLine($"  warning: {warning}");
        }
    }

    public void Preview(PlanDiff diff)
    {
        foreach (var (cluster, steps) in PreviewText.Groups(diff))
        {
            host.Out.WriteLine();
            host.Out.WriteLine(cluster);
            foreach (var (step, changes) in steps)
            {
                if (step is { Kind: not Planning.StepKind.Kubernetes } && changes.Count == 1 && !verbose)
                {
                    host.Out.WriteLine($"  {PreviewText.Symbol(changes[0].Action)} {step.Title}");
                    if (PreviewText.ShowFields(changes[0], verbose))
                    {
                        foreach (var field in changes[0].Fields)
                        {
                            host.Out.WriteLine($"        {field}");
                        }
                    }

                    continue;
                }

                if (step is not null)
                {
                    host.Out.WriteLine($"  {step.Title}{(verbose && step.DependsOn.Count > 0 ? $"  (after {string.Join(", ", step.DependsOn)})" : "")}");
                }

                foreach (var change in changes)
                {
                    host.Out.WriteLine($"    {PreviewText.Symbol(change.Action)} {change.Key}");
                    if (PreviewText.ShowFields(change, verbose))
                    {
                        foreach (var field in change.Fields)
                        {
                            host.Out.WriteLine($"        {field}");
                        }
                    }
                }
            }
        }

        host.Out.WriteLine();
        if (verbose)
        {
            foreach (var (token, description) in diff.Plan.Unknowns)
            {
                host.Out.WriteLine($"{token}: {description}");
            }
        }

        host.Out.WriteLine($"Summary: {diff.Summary}.");
    }

    public void Files(IReadOnlyList<RenderedFile> files, string directory)
    {
        foreach (var file in files)
        {
            host.Out.WriteLine($"  wrote {Path.Combine(directory, file.Path)}");
        }

        host.Out.WriteLine($"Rendered {files.Count} files into {directory}.");
    }

    public void Failure(string message) => host.Error.WriteLine($"error: {message}");

    public void Report(EngineEvent engineEvent)
    {
        if (engineEvent.Kind == EngineEventKind.Unchanged && !verbose)
        {
            return;
        }

        lock (gate)
        {
            var writer = engineEvent.Kind == EngineEventKind.Failed ? host.Error : host.Out;
            writer.WriteLine($"  {EngineText.Symbol(engineEvent.Kind)} {EngineText.Line(engineEvent)}");
        }
    }

    public void Status(IReadOnlyList<StatusRow> rows)
    {
        var table = EngineText.StatusTable(rows);
        var widths = Enumerable.Range(0, table[0].Length).Select(i => table.Max(r => r[i].Length)).ToArray();
        foreach (var row in table)
        {
            host.Out.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    public void Kubeconfig(ClusterConnection connection, string kubeconfig) => host.Out.Write(kubeconfig.EndsWith('\n') ? kubeconfig : kubeconfig + "\n");

    public void Result(CommandOptions options, int exitCode, PlanDiff? diff, EngineTally tally)
    {
        if (tally.Used)
        {
            host.Out.WriteLine($"{EngineText.Title(options.Command, exitCode)}: {tally}.");
        }

        if (verbose)
        {
            host.Out.WriteLine($"exit code {exitCode}");
        }
    }
}
