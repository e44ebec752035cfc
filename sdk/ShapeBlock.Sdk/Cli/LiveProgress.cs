using System.Globalization;
using System.Text.RegularExpressions;
using ShapeBlock.Sdk.Engine;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ShapeBlock.Sdk.Cli;

/// <summary>
/// The live view of <c>up</c> and <c>destroy</c> on an interactive terminal: a Spectre.Console <c>Live</c> area with one
/// line per running step (provisioning phases, kinds and namespaces waited for, the operator, each Project, App and
/// AppBuild with its phase) with a spinner and the elapsed time, and a tally of the objects applied. Finished steps
/// become permanent lines above it (✓/✗ with their duration), as do object changes and build log lines. Events come
/// from parallel tasks: every write to the console, the live area's refreshes included, happens under one lock.
/// </summary>
internal sealed partial class LiveProgress(IAnsiConsole console, bool verbose, TimeProvider time)
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(100);
    private readonly Lock gate = new();
    private readonly List<Running> running = [];
    private readonly List<Action<IAnsiConsole>> held = [];
    private readonly Dictionary<EngineEventKind, int> applied = [];
    private CancellationTokenSource? stop;
    private Task? display;
    private LiveDisplayContext? context;
    private Task started = Task.CompletedTask;
    private bool stopping;
    private bool finished;
    private int frame;

    /// <summary>Apps that became Ready, with their URL, for the closing summary.</summary>
    public List<(string App, string Url)> Urls { get; } = [];

    /// <summary>Shows one event: updates the live area, or prints a permanent line above it.</summary>
    public void Report(EngineEvent e)
    {
        EnsureStarted();
        lock (gate)
        {
            var lines = new List<Action<IAnsiConsole>>();
            var now = time.GetTimestamp();
            var key = Key(e);
            switch (e.Kind)
            {
                case EngineEventKind.Waiting:
                    running.RemoveAll(r => r.Key == key);
                    running.Add(new Running(key, e.Message, now));
                    break;

                case EngineEventKind.Phase:
                    if (running.Find(r => r.Key == key) is { } build)
                    {
                        build.Phase = e.Phase;
                    }
                    else
                    {
                        running.Add(new Running(key, Label(e), now) { Phase = e.Phase });
                    }

                    break;

                case EngineEventKind.Ready or EngineEventKind.Failed:
                    var done = Take(key);
                    var elapsed = done is null ? "" : $" ({Seconds(time.GetElapsedTime(done.Started, now))})";
                    var message = e.Subject == "provision" && done is not null ? done.Label : e.Message;
                    var (symbol, colour) = e.Kind == EngineEventKind.Ready ? ("✓", "green") : ("✗", "red");
                    lines.Add(c => c.MarkupLine($"  [{colour}]{symbol}[/] {Markup.Escape(e.Kind == EngineEventKind.Failed ? $"{e.Cluster}: {message}" : message)}[grey]{Markup.Escape(elapsed)}[/]"));
                    if (e.Url is { Length: > 0 } url)
                    {
                        Urls.Add((e.Subject.Split(' ')[^1], url));
                    }

                    break;

                case EngineEventKind.Log:
                    lines.Add(c => c.MarkupLine($"  [grey]|[/] {Markup.Escape(EngineText.Line(e))}"));
                    break;

                default:
                    applied[e.Kind] = applied.GetValueOrDefault(e.Kind) + 1;
                    // A written object ends the wait for its kind, and for its namespace.
                    running.RemoveAll(r => r.Key == key || (r.Key.StartsWith("Namespace ", StringComparison.Ordinal) && e.Subject.Contains($" {r.Key[10..]}/", StringComparison.Ordinal)));
                    if (e.Kind != EngineEventKind.Unchanged || verbose)
                    {
                        var tint = e.Kind switch
                        {
                            EngineEventKind.Created => "green",
                            EngineEventKind.Updated or EngineEventKind.Kept => "yellow",
                            EngineEventKind.Deleted => "red",
                            _ => "grey",
                        };
                        lines.Add(c => c.MarkupLine($"  [{tint}]{Markup.Escape(EngineText.Symbol(e.Kind))}[/] {Markup.Escape(EngineText.Line(e))}"));
                    }

                    break;
            }

            // Drawn at once, not at the next frame: a step that starts and ends between two frames is still seen. The
            // area is updated before the lines are written above it, so a finished step is not drawn again below its line.
            context?.UpdateTarget(Render());
            lines.ForEach(Line);
        }
    }

    /// <summary>Writes permanent output (above the live area while it is shown).</summary>
    public void Write(Action<IAnsiConsole> write)
    {
        lock (gate)
        {
            Line(write);
        }
    }

    /// <summary>
    /// Closes the live area (it is cleared; steps still running are printed as not finished) and waits until it is gone,
    /// so what follows (a preview, a prompt, the summary, an error) is written below it. Safe to call more than once.
    /// </summary>
    /// <param name="final">True at the end of the command (its result, a failure, Ctrl-C): events still arriving from
    /// tasks that are winding down are printed as lines; no live area is opened again.</param>
    public void Stop(bool final = false)
    {
        Task? shown;
        lock (gate)
        {
            finished |= final;
            if (display is null || stopping)
            {
                return;
            }

            stopping = true;
            shown = display;
            stop!.Cancel();
        }

        // The display's last frame is drawn on its own task; lines reported meanwhile are held, then printed below.
        try
        {
            shown.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // A terminal that went away (or refused the live area) must not hide what follows.
        }

        lock (gate)
        {
            var now = time.GetTimestamp();
            foreach (var left in running)
            {
                console.MarkupLine($"  [grey]·[/] {Markup.Escape(left.Label)}[grey] (not finished after {Markup.Escape(Seconds(time.GetElapsedTime(left.Started, now)))})[/]");
            }

            running.Clear();
            foreach (var write in held)
            {
                write(console);
            }

            held.Clear();
            stop!.Dispose();
            (stop, display, stopping) = (null, null, false);
        }
    }

    [GeneratedRegex(@"^\[(?<phase>[^\]]+)\]")]
    private static partial Regex PhasePrefix();

    /// <summary>Provisioning phases share the subject <c>provision</c>; their phase name tells them apart.</summary>
    private static string Key(EngineEvent e) =>
        e.Subject == "provision" && PhasePrefix().Match(e.Message) is { Success: true } m ? $"{e.Cluster}/provision/{m.Groups["phase"].Value}" : $"{e.Cluster}/{e.Subject}";

    private static string Label(EngineEvent e) => e.Message.Split(':')[0];

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private Running? Take(string key)
    {
        var found = running.Find(r => r.Key == key);
        if (found is not null)
        {
            running.Remove(found);
        }

        return found;
    }

    private void Line(Action<IAnsiConsole> write)
    {
        if (stopping)
        {
            held.Add(write);
            return;
        }

        write(console);
    }

    /// <summary>Starts the live area on the first event and waits until it is drawn (lines written before it would be overdrawn).</summary>
    private void EnsureStarted()
    {
        Task shown;
        lock (gate)
        {
            if (display is null && !stopping && !finished)
            {
                stop = new CancellationTokenSource();
                var token = stop.Token;
                var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                started = ready.Task;
                display = Task.Run(() => console.Live(Text.Empty).AutoClear(true).Overflow(VerticalOverflow.Ellipsis).StartAsync(async live =>
                {
                    using var timer = new PeriodicTimer(Frame, time);
                    do
                    {
                        lock (gate)
                        {
                            context = live;
                            frame++;
                            live.UpdateTarget(Render());
                        }

                        ready.TrySetResult();
                    }
                    while (await Tick(timer, token).ConfigureAwait(false));

                    lock (gate)
                    {
                        context = null;
                        live.UpdateTarget(Text.Empty);
                    }
                }));
            }

            shown = display is null ? Task.CompletedTask : Task.WhenAny(started, display);
        }

        shown.GetAwaiter().GetResult();
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private IRenderable Render()
    {
        var spinner = Spinner.Known.Dots.Frames;
        var width = Math.Max(20, console.Profile.Width - 4);
        var now = time.GetTimestamp();
        var lines = new List<IRenderable>();
        foreach (var step in running)
        {
            var text = $"{step.Label}{(step.Phase is null ? "" : $" — {step.Phase}")}";
            var elapsed = Seconds(time.GetElapsedTime(step.Started, now));
            text = text.Length + elapsed.Length + 1 > width ? text[..Math.Max(0, width - elapsed.Length - 2)] + "…" : text;
            lines.Add(new Markup($"  [blue]{Markup.Escape(spinner[frame % spinner.Count])}[/] {Markup.Escape(text)} [grey]{Markup.Escape(elapsed)}[/]"));
        }

        if (applied.Count > 0)
        {
            lines.Add(new Markup($"  [grey]objects: {applied.GetValueOrDefault(EngineEventKind.Created)} created, {applied.GetValueOrDefault(EngineEventKind.Updated)} updated, "
                + $"{applied.GetValueOrDefault(EngineEventKind.Unchanged)} unchanged, {applied.GetValueOrDefault(EngineEventKind.Deleted)} deleted[/]"));
        }

        return lines.Count == 0 ? Text.Empty : new Rows(lines);
    }

    /// <summary>A step that is still running.</summary>
    private sealed class Running(string key, string label, long started)
    {
        public string Key { get; } = key;

        public string Label { get; } = label;

        public long Started { get; } = started;

        public string? Phase { get; set; }
    }
}
