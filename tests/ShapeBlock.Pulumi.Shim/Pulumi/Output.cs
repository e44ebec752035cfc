using System.Collections.Immutable;

namespace Pulumi;

/// <summary>What an output holds: a value (when known) and whether it is secret. Shim-internal.</summary>
internal readonly record struct OutputData<T>(T Value, bool IsKnown, bool IsSecret);

/// <summary>Common view of every <see cref="Output{T}"/>, used by the shim's input serializer.</summary>
internal interface IShimOutput
{
    Task<(object? Value, bool IsKnown, bool IsSecret)> GetDataAsync();
}

/// <summary>Shim of <c>Pulumi.Output&lt;T&gt;</c>: a value that may be unknown until deployment and may be secret.</summary>
public sealed class Output<T> : IShimOutput
{
    internal Output(Task<OutputData<T>> data) => DataTask = data;

    internal Task<OutputData<T>> DataTask { get; }

    /// <summary>Shim of <c>Output&lt;T&gt;.Create(Task&lt;T&gt;)</c>.</summary>
    public static Output<T> Create(Task<T> value) => Output.Create(value);

    /// <summary>Transforms the value.</summary>
    public Output<U> Apply<U>(Func<T, U> func) => Apply(v => Task.FromResult(func(v)));

    /// <summary>Transforms the value asynchronously.</summary>
    public Output<U> Apply<U>(Func<T, Task<U>> func) => new(Map(async d => d.IsKnown
        ? new OutputData<U>(await func(d.Value).ConfigureAwait(false), true, d.IsSecret)
        : new OutputData<U>(default!, false, d.IsSecret)));

    /// <summary>Transforms the value into another input.</summary>
    public Output<U> Apply<U>(Func<T, Input<U>?> func) => Apply(v => (Output<U>)(func(v) ?? Output.Create(default(U)!)));

    /// <summary>Transforms the value into another output (secretness carries over).</summary>
    public Output<U> Apply<U>(Func<T, Output<U>?> func) => new(Map(async d =>
    {
        if (!d.IsKnown)
        {
            return new OutputData<U>(default!, false, d.IsSecret);
        }

        var inner = func(d.Value);
        if (inner is null)
        {
            return new OutputData<U>(default!, true, d.IsSecret);
        }

        var i = await inner.DataTask.ConfigureAwait(false);
        return i with { IsSecret = i.IsSecret || d.IsSecret };
    }));

    private async Task<OutputData<U>> Map<U>(Func<OutputData<T>, Task<OutputData<U>>> f) => await f(await DataTask.ConfigureAwait(false)).ConfigureAwait(false);

    async Task<(object? Value, bool IsKnown, bool IsSecret)> IShimOutput.GetDataAsync()
    {
        var d = await DataTask.ConfigureAwait(false);
        return (d.Value, d.IsKnown, d.IsSecret);
    }
}

/// <summary>Shim of the static <c>Pulumi.Output</c> helpers.</summary>
public static class Output
{
    /// <summary>A known, non-secret output.</summary>
    public static Output<T> Create<T>(T value) => new(Task.FromResult(new OutputData<T>(value, true, false)));

    /// <summary>An output of a task's result.</summary>
    public static Output<T> Create<T>(Task<T> value) => new(value.ContinueWith(t => new OutputData<T>(t.Result, true, false), TaskScheduler.Default));

    /// <summary>A secret output.</summary>
    public static Output<T> CreateSecret<T>(T value) => new(Task.FromResult(new OutputData<T>(value, true, true)));

    /// <summary>A secret output of a task's result.</summary>
    public static Output<T> CreateSecret<T>(Task<T> value) => CreateSecret(Create(value));

    /// <summary>The same output, marked secret.</summary>
    public static Output<T> CreateSecret<T>(Output<T> value) => new(value.DataTask.ContinueWith(t => t.Result with { IsSecret = true }, TaskScheduler.Default));

    /// <summary>The same output, no longer secret.</summary>
    public static Output<T> Unsecret<T>(Output<T> output) => new(output.DataTask.ContinueWith(t => t.Result with { IsSecret = false }, TaskScheduler.Default));

    /// <summary>Whether an output is secret.</summary>
    public static async Task<bool> IsSecretAsync<T>(Output<T> output) => (await output.DataTask.ConfigureAwait(false)).IsSecret;

    /// <summary>Combines outputs into one array output.</summary>
    public static Output<ImmutableArray<T>> All<T>(params Output<T>[] outputs) => All((IEnumerable<Output<T>>)outputs);

    /// <summary>Combines inputs into one array output.</summary>
    public static Output<ImmutableArray<T>> All<T>(params Input<T>[] inputs) => All(inputs.Select(i => (Output<T>)i));

    /// <summary>Combines inputs into one array output.</summary>
    public static Output<ImmutableArray<T>> All<T>(IEnumerable<Input<T>> inputs) => All(inputs.Select(i => (Output<T>)i));

    /// <summary>Combines outputs into one array output.</summary>
    public static Output<ImmutableArray<T>> All<T>(IEnumerable<Output<T>> outputs)
    {
        var list = outputs.ToList();
        return new(Combine(list));

        static async Task<OutputData<ImmutableArray<T>>> Combine(List<Output<T>> list)
        {
            var data = await Task.WhenAll(list.Select(o => o.DataTask)).ConfigureAwait(false);
            return new OutputData<ImmutableArray<T>>([.. data.Select(d => d.Value)], data.All(d => d.IsKnown), data.Any(d => d.IsSecret));
        }
    }

    /// <summary>Combines two outputs.</summary>
    public static Output<(T1, T2)> Tuple<T1, T2>(Output<T1> item1, Output<T2> item2) => new(Pair(item1, item2));

    /// <summary>Combines two inputs.</summary>
    public static Output<(T1, T2)> Tuple<T1, T2>(Input<T1> item1, Input<T2> item2) => Tuple((Output<T1>)item1, (Output<T2>)item2);

    /// <summary>Combines three outputs.</summary>
    public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Output<T1> item1, Output<T2> item2, Output<T3> item3) =>
        Tuple(Tuple(item1, item2), item3).Apply(t => (t.Item1.Item1, t.Item1.Item2, t.Item2));

    /// <summary>Combines three inputs.</summary>
    public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Input<T1> item1, Input<T2> item2, Input<T3> item3) =>
        Tuple((Output<T1>)item1, (Output<T2>)item2, (Output<T3>)item3);

    /// <summary>An interpolated string whose holes may be outputs.</summary>
    public static Output<string> Format(FormattableString formattableString)
    {
        var args = formattableString.GetArguments().Select(a => a switch
        {
            IShimOutput o => o,
            _ => (IShimOutput)Create<object?>(a),
        }).ToList();
        return new(Build(formattableString.Format, args));

        static async Task<OutputData<string>> Build(string format, List<IShimOutput> args)
        {
            var data = new List<(object? Value, bool IsKnown, bool IsSecret)>();
            foreach (var a in args)
            {
                data.Add(await a.GetDataAsync().ConfigureAwait(false));
            }

            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, [.. data.Select(d => d.Value)]);
            return new OutputData<string>(text, data.All(d => d.IsKnown), data.Any(d => d.IsSecret));
        }
    }

    private static async Task<OutputData<(T1, T2)>> Pair<T1, T2>(Output<T1> a, Output<T2> b)
    {
        var x = await a.DataTask.ConfigureAwait(false);
        var y = await b.DataTask.ConfigureAwait(false);
        return new OutputData<(T1, T2)>((x.Value, y.Value), x.IsKnown && y.IsKnown, x.IsSecret || y.IsSecret);
    }

    /// <summary>An unknown output (shim: a value not known at preview).</summary>
    internal static Output<T> Unknown<T>() => new(Task.FromResult(new OutputData<T>(default!, false, false)));
}
