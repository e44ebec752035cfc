using System.Collections;
using System.Collections.Immutable;

namespace Pulumi;

/// <summary>Shim of <c>Pulumi.Input&lt;T&gt;</c>: a plain value or an output.</summary>
public class Input<T>
{
    private readonly Output<T> output;

    private protected Input(Output<T> output) => this.output = output;

    /// <summary>The input as an output (lists and maps combine their current items).</summary>
    internal virtual Output<T> Output => output;

    /// <summary>A plain value.</summary>
    public static implicit operator Input<T>(T value) => new(Pulumi.Output.Create(value));

    /// <summary>An output.</summary>
    public static implicit operator Input<T>(Output<T> value) => new(value);

    /// <summary>The input as an output.</summary>
    public static implicit operator Output<T>(Input<T> input) => input.Output;
}

/// <summary>Shim of <c>Pulumi.InputExtensions</c>.</summary>
public static class InputExtensions
{
    /// <summary>Transforms the value.</summary>
    public static Output<U> Apply<T, U>(this Input<T> input, Func<T, U> func) => input.ToOutput().Apply(func);

    /// <summary>The input as an output.</summary>
    public static Output<T> ToOutput<T>(this Input<T> input) => input;
}

/// <summary>Shim of <c>Pulumi.InputList&lt;T&gt;</c>: a list whose items may be outputs.</summary>
public sealed class InputList<T> : Input<ImmutableArray<T>>, IEnumerable, IAsyncEnumerable<Input<T>>
{
    private readonly List<Input<T>> items;

    /// <summary>An empty list.</summary>
    public InputList()
        : this([])
    {
    }

    private InputList(List<Input<T>> items)
        : base(Pulumi.Output.All<T>(items.Select(i => (Output<T>)i)))
    {
        this.items = items;
    }

    private InputList(Output<ImmutableArray<T>> whole)
        : base(whole)
    {
        items = [];
        Whole = whole;
    }

    private Output<ImmutableArray<T>>? Whole { get; }

    /// <summary>The list's value (shim: combines the items added so far).</summary>
    internal override Output<ImmutableArray<T>> Output => Value;

    internal Output<ImmutableArray<T>> Value => Whole ?? Pulumi.Output.All<T>(items.Select(i => (Output<T>)i));

    /// <summary>Adds items.</summary>
    public void Add(params Input<T>[] inputs) => items.AddRange(inputs);

    /// <summary>Adds a list's items.</summary>
    public void Add(InputList<T> inputs) => AddRange(inputs);

    /// <summary>Adds a list's items.</summary>
    public void AddRange(InputList<T> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        items.AddRange(inputs.items);
    }

    /// <summary>Enumerates the items.</summary>
    public async IAsyncEnumerator<Input<T>> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var all = await Value.DataTask.ConfigureAwait(false);
        foreach (var v in all.Value)
        {
            yield return v;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => throw new NotSupportedException("A Pulumi InputList cannot be enumerated synchronously.");

    /// <summary>One item.</summary>
    public static implicit operator InputList<T>(Input<T> value) => new([value]);

    /// <summary>Items.</summary>
    public static implicit operator InputList<T>(Input<T>[] values) => new([.. values]);

    /// <summary>Items.</summary>
    public static implicit operator InputList<T>(T[] values) => new([.. values.Select(v => (Input<T>)v)]);

    /// <summary>Items.</summary>
    public static implicit operator InputList<T>(List<T> values) => new([.. values.Select(v => (Input<T>)v)]);

    /// <summary>Items.</summary>
    public static implicit operator InputList<T>(ImmutableArray<T> values) => new([.. values.Select(v => (Input<T>)v)]);

    /// <summary>An output list.</summary>
    public static implicit operator InputList<T>(Output<ImmutableArray<T>> values) => new(values);
}

/// <summary>Shim of <c>Pulumi.InputMap&lt;V&gt;</c>: a map whose values may be outputs.</summary>
public sealed class InputMap<V> : Input<ImmutableDictionary<string, V>>, IEnumerable, IAsyncEnumerable<Input<KeyValuePair<string, V>>>
{
    private readonly List<(string Key, Input<V> Value)> items;

    /// <summary>An empty map.</summary>
    public InputMap()
        : this([])
    {
    }

    private InputMap(List<(string Key, Input<V> Value)> items)
        : base(Pulumi.Output.Create(ImmutableDictionary<string, V>.Empty))
    {
        this.items = items;
    }

    internal override Output<ImmutableDictionary<string, V>> Output => Value;

    /// <summary>The map's value (shim: combines the entries added so far).</summary>
    internal Output<ImmutableDictionary<string, V>> Value
    {
        get
        {
            var keys = items.Select(i => i.Key).ToList();
            return Pulumi.Output.All<V>(items.Select(i => (Output<V>)i.Value))
                .Apply(values => keys.Zip(values).Aggregate(ImmutableDictionary<string, V>.Empty, (d, kv) => d.SetItem(kv.First, kv.Second)));
        }
    }

    /// <summary>Sets a value.</summary>
    public Input<V> this[string key]
    {
        set => Add(key, value);
    }

    /// <summary>Adds a value.</summary>
    public void Add(string key, Input<V> value)
    {
        items.RemoveAll(i => i.Key == key);
        items.Add((key, value));
    }

    /// <summary>Adds a map's values.</summary>
    public void Add(InputMap<V> values) => AddRange(values);

    /// <summary>Adds a map's values.</summary>
    public void AddRange(InputMap<V> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (k, v) in values.items)
        {
            Add(k, v);
        }
    }

    /// <summary>Enumerates the entries.</summary>
    public async IAsyncEnumerator<Input<KeyValuePair<string, V>>> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var all = await Value.DataTask.ConfigureAwait(false);
        foreach (var kv in all.Value)
        {
            yield return kv;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => throw new NotSupportedException("A Pulumi InputMap cannot be enumerated synchronously.");

    /// <summary>Entries.</summary>
    public static implicit operator InputMap<V>(Dictionary<string, V> values) => new([.. values.Select(kv => (kv.Key, (Input<V>)kv.Value))]);

    /// <summary>Entries.</summary>
    public static implicit operator InputMap<V>(ImmutableDictionary<string, V> values) => new([.. values.Select(kv => (kv.Key, (Input<V>)kv.Value))]);
}

/// <summary>Shim of <c>Pulumi.Union&lt;T0, T1&gt;</c>.</summary>
public readonly struct Union<T0, T1> : IEquatable<Union<T0, T1>>
{
    private Union(object? value, bool isT0)
    {
        Value = value;
        IsT0 = isT0;
    }

    /// <summary>The value.</summary>
    public object? Value { get; }

    /// <summary>Whether the value is a <typeparamref name="T0"/>.</summary>
    public bool IsT0 { get; }

    /// <summary>Whether the value is a <typeparamref name="T1"/>.</summary>
    public bool IsT1 => !IsT0;

    /// <summary>A <typeparamref name="T0"/>.</summary>
    public static Union<T0, T1> FromT0(T0 input) => new(input, true);

    /// <summary>A <typeparamref name="T1"/>.</summary>
    public static Union<T0, T1> FromT1(T1 input) => new(input, false);

    /// <inheritdoc />
    public bool Equals(Union<T0, T1> union) => Equals(Value, union.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Union<T0, T1> u && Equals(u);

    /// <inheritdoc />
    public override int GetHashCode() => Value?.GetHashCode() ?? 0;

    /// <summary>A <typeparamref name="T0"/>.</summary>
    public static implicit operator Union<T0, T1>(T0 t) => FromT0(t);

    /// <summary>A <typeparamref name="T1"/>.</summary>
    public static implicit operator Union<T0, T1>(T1 t) => FromT1(t);
}

/// <summary>Shim of <c>Pulumi.InputUnion&lt;T0, T1&gt;</c>.</summary>
public sealed class InputUnion<T0, T1> : Input<Union<T0, T1>>
{
    private InputUnion(Output<Union<T0, T1>> output)
        : base(output)
    {
    }

    /// <summary>A <typeparamref name="T0"/>.</summary>
    public static implicit operator InputUnion<T0, T1>(T0 value) => new(Pulumi.Output.Create(Union<T0, T1>.FromT0(value)));

    /// <summary>A <typeparamref name="T1"/>.</summary>
    public static implicit operator InputUnion<T0, T1>(T1 value) => new(Pulumi.Output.Create(Union<T0, T1>.FromT1(value)));

    /// <summary>An output <typeparamref name="T0"/>.</summary>
    public static implicit operator InputUnion<T0, T1>(Output<T0> value) => new(value.Apply(v => Union<T0, T1>.FromT0(v)));

    /// <summary>An output <typeparamref name="T1"/>.</summary>
    public static implicit operator InputUnion<T0, T1>(Output<T1> value) => new(value.Apply(v => Union<T0, T1>.FromT1(v)));
}
