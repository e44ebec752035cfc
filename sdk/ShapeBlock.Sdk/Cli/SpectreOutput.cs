using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Rendering;
using ShapeBlock.Sdk.Validation;
using Spectre.Console;

namespace ShapeBlock.Sdk.Cli;

/// <summary>Colours and trees for a live terminal (Spectre.Console).</summary>
internal sealed class SpectreOutput : IOutput
{
    private readonly IAnsiConsole console;
    private readonly IAnsiConsole errors;
    private readonly bool verbose;
    private readonly Lock gate = new();
    private readonly TextWriter raw;

    private LiveProgress? live;

    public SpectreOutput(ProgramHost host, bool verbose)
    {
        console = host.Terminal ?? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(host.Out) });
        errors = host.Terminal ?? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(host.Error) });
        this.verbose = verbose;
        raw = host.Out;
    }

    public void Start(CommandOptions options)
    {
        console.MarkupLine($"[bold]shapeblock {Markup.Escape(options.Command)}[/] [grey]stack[/] [blue]{Markup.Escape(options.Stack)}[/]");
        // A live area needs a terminal that takes cursor movement; elsewhere the lines below are printed as they come.
        if (options.Command is "up" or "destroy" && console.Profile.Capabilities is { Interactive: true, Ansi: true })
        {
            live = new LiveProgress(console, verbose, TimeProvider.System);
        }
    }

    public void Notice(string message)
    {
        if (live is not null)
        {
            live.Write(c => c.MarkupLine($"[yellow]![/] {Markup.Escape(message)}"));
            return;
        }

        console.MarkupLine($"[yellow]![/] {Markup.Escape(message)}");
    }

    public void Problems(ValidationReport report)
    {
        live?.Stop();
        var list = report.Errors.ToList();
        if (list.Count > 0)
        {
            errors.MarkupLine($"[red bold]The model has {list.Count} problem{(list.Count == 1 ? "" : "s")}[/]; nothing was called:");
            foreach (var problem in list)
            {
                errors.MarkupLine($"  [red]✗[/] [bold]{Markup.Escape(problem.Path)}[/]: {Markup.Escape(problem.Message)}");
            }
        }

        foreach (var warning in report.Warnings)
        {
            errors.MarkupLine($"  [yellow]![/] [bold]{Markup.Escape(warning.Path)}[/]: {Markup.Escape(warning.Message)}");
        }
    }

    public void Preview(PlanDiff diff)
    {
        live?.Stop();
        foreach (var (cluster, steps) in PreviewText.Groups(diff))
        {
            var tree = new Tree($"[bold blue]{Markup.Escape(cluster)}[/]");
            foreach (var (step, changes) in steps)
            {
                if (step is { Kind: not Planning.StepKind.Kubernetes } && changes.Count == 1 && !verbose)
                {
                    var single = tree.AddNode($"[{Colour(changes[0].Action)}]{Markup.Escape(PreviewText.Symbol(changes[0].Action))} {Markup.Escape(step.Title)}[/]");
                    if (PreviewText.ShowFields(changes[0], verbose))
                    {
                        foreach (var field in changes[0].Fields)
                        {
                            single.AddNode($"[grey]{Markup.Escape(field.ToString())}[/]");
                        }
                    }

                    continue;
                }

                var parent = step is null ? (IHasTreeNodes)tree : tree.AddNode($"[bold]{Markup.Escape(step.Title)}[/]");
                foreach (var change in changes)
                {
                    var node = parent.AddNode($"[{Colour(change.Action)}]{Markup.Escape(PreviewText.Symbol(change.Action))} {Markup.Escape(change.Key)}[/]");
                    if (PreviewText.ShowFields(change, verbose))
                    {
                        foreach (var field in change.Fields)
                        {
                            node.AddNode($"[grey]{Markup.Escape(field.ToString())}[/]");
                        }
                    }
                }
            }

            console.Write(tree);
        }

        console.MarkupLine($"[bold]Summary:[/] {Markup.Escape(diff.Summary)}.");
    }

    public void Files(IReadOnlyList<RenderedFile> files, string directory)
    {
        live?.Stop();
        var table = new Table().AddColumn("file").AddColumn(new TableColumn("bytes").RightAligned());
        foreach (var file in files)
        {
            table.AddRow(Markup.Escape(file.Path), file.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLine($"[green]Rendered {files.Count} files into[/] {Markup.Escape(directory)}.");
    }

    public void Failure(string message)
    {
        // Interrupted or failed: the live area is closed first, so the message and the prompt below stay readable.
        live?.Stop(final: true);
        errors.MarkupLine($"[red bold]error:[/] {Markup.Escape(message)}");
    }

    public void Report(EngineEvent engineEvent)
    {
        if (live is not null)
        {
            live.Report(engineEvent);
            return;
        }

        if (engineEvent.Kind == EngineEventKind.Unchanged && !verbose)
        {
            return;
        }

        var colour = engineEvent.Kind switch
        {
            EngineEventKind.Created or EngineEventKind.Ready => "green",
            EngineEventKind.Updated or EngineEventKind.Kept => "yellow",
            EngineEventKind.Deleted or EngineEventKind.Failed => "red",
            EngineEventKind.Phase => "blue",
            _ => "grey",
        };
        lock (gate)
        {
            (engineEvent.Kind == EngineEventKind.Failed ? errors : console).MarkupLine(
                $"  [{colour}]{Markup.Escape(EngineText.Symbol(engineEvent.Kind))}[/] {Markup.Escape(EngineText.Line(engineEvent))}");
        }
    }

    public void Status(IReadOnlyList<StatusRow> rows)
    {
        live?.Stop();
        var table = EngineText.StatusTable(rows);
        var view = new Table();
        foreach (var header in table[0])
        {
            view.AddColumn(Markup.Escape(header));
        }

        foreach (var row in table.Skip(1))
        {
            view.AddRow([.. row.Select(Markup.Escape)]);
        }

        console.Write(view);
    }

    public void Kubeconfig(ClusterConnection connection, string kubeconfig) => raw.Write(kubeconfig.EndsWith('\n') ? kubeconfig : kubeconfig + "\n");

    public void Result(CommandOptions options, int exitCode, PlanDiff? diff, EngineTally tally)
    {
        live?.Stop(final: true);
        if (live is { Urls.Count: > 0 } && exitCode == ExitCodes.Ok)
        {
            var urls = new Table().Border(TableBorder.Simple).AddColumn("app").AddColumn("url");
            foreach (var (app, url) in live.Urls)
            {
                urls.AddRow(Markup.Escape(app), Markup.Escape(url));
            }

            console.Write(urls);
        }

        if (tally.Used)
        {
            var colour = exitCode == ExitCodes.Ok ? "green" : "red";
            console.MarkupLine($"[bold {colour}]{Markup.Escape(EngineText.Title(options.Command, exitCode))}:[/] {Markup.Escape(tally.ToString())}.");
        }

        if (verbose)
        {
            console.MarkupLine($"[grey]exit code {exitCode}[/]");
        }
    }

    private static string Colour(ChangeAction action) => action switch
    {
        ChangeAction.Create => "green",
        ChangeAction.Update => "yellow",
        ChangeAction.Replace => "darkorange",
        ChangeAction.Delete => "red",
        ChangeAction.Unknown => "fuchsia",
        _ => "grey",
    };
}
