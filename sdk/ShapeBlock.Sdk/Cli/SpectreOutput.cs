using ShapeBlock.Sdk.Diff;
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

    public SpectreOutput(ProgramHost host, bool verbose)
    {
        console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(host.Out) });
        errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(host.Error) });
        this.verbose = verbose;
    }

    public void Start(CommandOptions options) =>
        console.MarkupLine($"[bold]shapeblock {Markup.Escape(options.Command)}[/] [grey]stack[/] [blue]{Markup.Escape(options.Stack)}[/]");

    public void Notice(string message) => console.MarkupLine($"[yellow]![/] {Markup.Escape(message)}");

    public void Problems(ValidationReport report)
    {
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
        foreach (var (cluster, steps) in PreviewText.Groups(diff))
        {
            var tree = new Tree($"[bold blue]{Markup.Escape(cluster)}[/]");
            foreach (var (step, changes) in steps)
            {
                if (step is { Kind: not Planning.StepKind.Kubernetes } && changes.Count == 1 && !verbose)
                {
                    tree.AddNode($"[{Colour(changes[0].Action)}]{Markup.Escape(PreviewText.Symbol(changes[0].Action))} {Markup.Escape(step.Title)}[/]");
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
        var table = new Table().AddColumn("file").AddColumn(new TableColumn("bytes").RightAligned());
        foreach (var file in files)
        {
            table.AddRow(Markup.Escape(file.Path), file.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLine($"[green]Rendered {files.Count} files into[/] {Markup.Escape(directory)}.");
    }

    public void Failure(string message) => errors.MarkupLine($"[red bold]error:[/] {Markup.Escape(message)}");

    public void Result(CommandOptions options, int exitCode, PlanDiff? diff)
    {
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
        _ => "grey",
    };
}
