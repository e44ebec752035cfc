using System.Text;
using System.Text.RegularExpressions;
using ShapeBlock.Sdk.Cli;
using ShapeBlock.Sdk.Engine;
using Spectre.Console;

namespace ShapeBlock.Sdk.Tests.Engine;

/// <summary>
/// The live progress view of <c>up</c>/<c>destroy</c> on an interactive terminal (a Spectre.Console console over a
/// StringWriter with interactive ANSI output), against the in-memory API server with the operator stand-in.
/// </summary>
public sealed partial class LiveProgressTests : IAsyncLifetime
{
    private EngineHarness harness = null!;

    public async Task InitializeAsync() => harness = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Up_on_a_terminal_shows_live_step_lines_then_permanent_lines_and_ends_with_the_summary()
    {
        // The build waits until up watches it, so its phases and its log are seen live.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Operator.BuildGate = gate;
        harness.Operator.BuildLog = ["cloning https://github.com/acme/app.git", $"RUN echo {EngineHarness.AppToken}"];
        var running = RunLiveAsync(default, "up", "--yes");
        await harness.Server.Watches.WaitForAsync(1, "appbuilds", TimeSpan.FromSeconds(30));
        gate.SetResult();
        var (code, screen) = await running;

        Assert.True(code == ExitCodes.Ok, screen);
        // A live area was drawn: cursor moves and a spinner frame next to running steps with their elapsed time.
        Assert.Contains("\u001b[", screen, StringComparison.Ordinal);
        Assert.Matches(SpinnerLine(), Plain(screen));
        var text = Plain(screen);
        Assert.Contains("waiting for App demo/hello to be Ready with a URL", text, StringComparison.Ordinal);
        Assert.Contains("objects: ", text, StringComparison.Ordinal);
        // Finished steps became permanent lines with a duration; object changes and build logs were printed above.
        Assert.Matches(@"✓ operator available \([0-9]+\.[0-9] s\)", text);
        Assert.Matches(@"✓ project demo active \([0-9]+\.[0-9] s\)", text);
        Assert.Matches(@"✓ app demo/hello ready at \S+ \([0-9]+\.[0-9] s\)", text);
        Assert.Contains("+ apps.shapeblock.io/App demo/hello created (ext)", text, StringComparison.Ordinal);
        Assert.Contains("| demo/", text, StringComparison.Ordinal);
        Assert.Contains("RUN echo ***", text, StringComparison.Ordinal);
        // The closing summary comes last, after the live area was cleared.
        var summary = text.LastIndexOf("Applied: ", StringComparison.Ordinal);
        Assert.True(summary > 0, text);
        Assert.True(summary > text.LastIndexOf("objects: ", StringComparison.Ordinal), "the summary is below the live area");
        Assert.DoesNotMatch(SpinnerLine(), text[summary..]);
        Assert.Contains("demo/hello", text[text.LastIndexOf("app ", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("not finished", text, StringComparison.Ordinal);
        AssertNoSecret(screen);
    }

    [Fact]
    public async Task Ctrl_c_closes_the_live_area_and_says_how_to_finish()
    {
        // The build never completes until cancelled: up is interrupted while it waits.
        harness.Operator.BuildGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        var running = RunLiveAsync(cancel.Token, "up", "--yes");
        await harness.Server.Watches.WaitForAsync(1, "appbuilds", TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        var (code, screen) = await running;

        Assert.Equal(ExitCodes.Interrupted, code);
        var text = Plain(screen);
        Assert.Contains("not finished after", text, StringComparison.Ordinal);
        var error = text.LastIndexOf("error: interrupted", StringComparison.Ordinal);
        Assert.True(error > 0, text);
        // Nothing of the live area is drawn after the message; the cursor is shown again.
        Assert.DoesNotMatch(SpinnerLine(), text[error..]);
        Assert.Contains("\u001b[?25h", screen[screen.LastIndexOf("\u001b[?25l", StringComparison.Ordinal)..], StringComparison.Ordinal);
        AssertNoSecret(screen);
    }

    [Fact]
    public async Task Destroy_on_a_terminal_shows_the_deletions_and_the_summary()
    {
        Assert.Equal(ExitCodes.Ok, (await harness.RunAsync("up", "--yes", "--no-wait")).ExitCode);

        var (code, screen) = await RunLiveAsync(default, "destroy", "--yes");

        Assert.True(code == ExitCodes.Ok, screen);
        var text = Plain(screen);
        Assert.Contains("- apps.shapeblock.io/Project demo deleted (ext)", text, StringComparison.Ordinal);
        Assert.True(text.LastIndexOf("Destroyed: ", StringComparison.Ordinal) > text.LastIndexOf("deleted (ext)", StringComparison.Ordinal), text);
        AssertNoSecret(screen);
    }

    [Fact]
    public async Task Redirected_output_stays_plain_lines_without_a_live_area()
    {
        var run = await harness.RunAsync("up", "--yes");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.All);
        Assert.DoesNotContain("\u001b", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("objects: ", run.All, StringComparison.Ordinal);
        Assert.Contains("  ✓ ext: operator available", run.Out, StringComparison.Ordinal);
        Assert.Contains("  + apps.shapeblock.io/App demo/hello created (ext)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"\nApplied: [0-9]+ created, [0-9]+ updated, [0-9]+ unchanged, 0 deleted\.\n$", run.Out);
    }

    /// <summary>A spinner frame followed by a step and its elapsed time, as the live area draws it.</summary>
    [GeneratedRegex(@"[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] .+ [0-9]+\.[0-9] s")]
    private static partial Regex SpinnerLine();

    /// <summary>The text without ANSI escape sequences.</summary>
    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escapes();

    private static string Plain(string screen) => Escapes().Replace(screen, "");

    private static void AssertNoSecret(string screen)
    {
        foreach (var secret in new[] { EngineHarness.AppToken, EngineHarness.KubeToken })
        {
            Assert.DoesNotContain(secret, screen, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), screen, StringComparison.Ordinal);
        }
    }

    /// <summary>Runs the CLI with an interactive ANSI console over a StringWriter; returns the exit code and all that was written.</summary>
    private async Task<(int Code, string Screen)> RunLiveAsync(CancellationToken cancellationToken, params string[] args)
    {
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(screen),
        });
        console.Profile.Width = 160; // lines the assertions read stay on one line
        var host = new ProgramHost(screen, screen, true, TestSupport.Resolver(new() { ["APP_TOKEN"] = EngineHarness.AppToken }, harness.Directory))
        {
            Engine = harness.Options,
            Terminal = console,
        };
        var code = await ShapeBlockProgram.RunAsync(args, harness.Define, host, cancellationToken);
        if (Environment.GetEnvironmentVariable("LIVE_SCREEN_DUMP") is { Length: > 0 } dump)
        {
            await File.WriteAllTextAsync(dump + "." + args[0], screen.ToString());
        }

        return (code, screen.ToString());
    }
}
