using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ShapeBlock.Sdk.Diff;
using ShapeBlock.Sdk.Engine;
using ShapeBlock.Sdk.Rendering;
using ShapeBlock.Sdk.Validation;

namespace ShapeBlock.Sdk.Cli;

/// <summary>
/// <c>--json</c>: one JSON object per line (NDJSON) with an <c>event</c> field — <c>start</c>, <c>notice</c>,
/// <c>problem</c>, <c>change</c>, <c>file</c>, <c>error</c> — and a closing <c>result</c> document.
/// Secrets are masked exactly as in the other outputs.
/// </summary>
internal sealed class JsonOutput(ProgramHost host, bool verbose) : IOutput
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock gate = new();
    private int problems;

    public void Start(CommandOptions options) => Write("start", w =>
    {
        w.WriteString("command", options.Command);
        w.WriteString("stack", options.Stack);
        w.WriteString("version", typeof(JsonOutput).Assembly.GetName().Version?.ToString(3));
    });

    public void Notice(string message) => Write("notice", w => w.WriteString("message", message));

    public void Problems(ValidationReport report)
    {
        foreach (var problem in report.Problems)
        {
            problems += problem.Severity == Severity.Error ? 1 : 0;
            Write("problem", w =>
            {
                w.WriteString("severity", problem.Severity == Severity.Error ? "error" : "warning");
                w.WriteString("path", problem.Path);
                w.WriteString("message", problem.Message);
                if (problem.Field is not null)
                {
                    w.WriteString("field", problem.Field);
                }
            });
        }
    }

    public void Preview(PlanDiff diff)
    {
        foreach (var change in diff.Changes)
        {
            Write("change", w =>
            {
                w.WriteString("cluster", change.Cluster);
                if (change.StepId is not null)
                {
                    w.WriteString("step", change.StepId);
                }

                w.WriteString("type", change.Type.ToString());
                w.WriteString("key", change.Key);
                w.WriteString("action", PreviewText.Verb(change.Action));
                if (change.Description is not null)
                {
                    w.WriteString("description", change.Description);
                }

                w.WriteStartArray("fields");
                foreach (var field in change.Fields.Where(_ => change.Action != ChangeAction.Create || verbose))
                {
                    w.WriteStartObject();
                    w.WriteString("path", field.Path);
                    w.WriteString("kind", field.Kind.ToString().ToLowerInvariant());
                    w.WriteString("before", field.Before);
                    w.WriteString("after", field.After);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (verbose && change.Desired is not null)
                {
                    w.WritePropertyName("object");
                    change.Desired.WriteTo(w);
                }
            });
        }
    }

    public void Files(IReadOnlyList<RenderedFile> files, string directory)
    {
        foreach (var file in files)
        {
            Write("file", w =>
            {
                w.WriteString("path", Path.Combine(directory, file.Path));
                w.WriteNumber("bytes", Encoding.UTF8.GetByteCount(file.Content));
            });
        }
    }

    public void Failure(string message) => Write("error", w => w.WriteString("message", message));

    public void Report(EngineEvent engineEvent) => Write(engineEvent.Kind.ToString().ToLowerInvariant(), w =>
    {
        w.WriteString("cluster", engineEvent.Cluster);
        w.WriteString("key", engineEvent.Subject);
        w.WriteString("message", engineEvent.Message);
        if (engineEvent.Phase is not null)
        {
            w.WriteString("phase", engineEvent.Phase);
        }

        if (engineEvent.Url is not null)
        {
            w.WriteString("url", engineEvent.Url);
        }
    });

    public void Status(IReadOnlyList<StatusRow> rows)
    {
        foreach (var row in rows)
        {
            Write("status", w =>
            {
                w.WriteString("cluster", row.Cluster);
                w.WriteString("kind", row.Kind);
                w.WriteString("name", row.Name);
                w.WriteString("phase", row.Phase);
                if (row.Url is not null)
                {
                    w.WriteString("url", row.Url);
                }

                if (row.Message is not null)
                {
                    w.WriteString("message", row.Message);
                }
            });
        }
    }

    // The user asked for their cluster's credentials: the one place a secret is written, on purpose.
    public void Kubeconfig(ClusterConnection connection, string kubeconfig) => Write("kubeconfig", w =>
    {
        w.WriteString("cluster", connection.Cluster);
        if (connection.KubeconfigPath is not null)
        {
            w.WriteString("path", connection.KubeconfigPath);
        }

        w.WriteString("kubeconfig", kubeconfig);
    });

    public void Result(CommandOptions options, int exitCode, PlanDiff? diff, EngineTally tally) => Write("result", w =>
    {
        w.WriteString("command", options.Command);
        w.WriteString("stack", options.Stack);
        w.WriteNumber("exitCode", exitCode);
        w.WriteBoolean("ok", exitCode == ExitCodes.Ok);
        w.WriteNumber("problems", problems);
        if (diff is not null)
        {
            w.WriteBoolean("againstEmptyWorld", diff.AgainstEmptyWorld);
            w.WriteStartObject("summary");
            foreach (var action in Enum.GetValues<ChangeAction>())
            {
                w.WriteNumber(PreviewText.Verb(action), diff.Count(action));
            }

            w.WriteEndObject();
        }

        if (tally.Used)
        {
            w.WriteStartObject("applied");
            foreach (var kind in new[] { EngineEventKind.Created, EngineEventKind.Updated, EngineEventKind.Unchanged, EngineEventKind.Deleted, EngineEventKind.Kept, EngineEventKind.Failed })
            {
                w.WriteNumber(kind.ToString().ToLowerInvariant(), tally[kind]);
            }

            w.WriteEndObject();
        }
    });

    private void Write(string name, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("event", name);
            body(writer);
            writer.WriteEndObject();
        }

        lock (gate)
        {
            host.Out.Write(Encoding.UTF8.GetString(stream.ToArray()) + "\n");
        }
    }
}
