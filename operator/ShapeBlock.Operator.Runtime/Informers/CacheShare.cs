using System.Collections.Concurrent;
using k8s.Models;

namespace ShapeBlock.Operator.Runtime.Informers;

/// <summary>
/// Helpers for an informer's <see cref="Informer{T}.Trim"/>: share values that repeat across cached objects
/// (condition types and reasons, identical Secret data such as a registry credential copied into every project) instead of
/// keeping one copy per object. Shared values must never be mutated in place; replacing them is fine.
/// </summary>
public static class CacheShare
{
    /// <summary>Longest byte value shared: repeated Secret values are credentials and small files.</summary>
    internal const int MaxBytesLength = 16 * 1024;

    /// <summary>Most distinct byte values kept (unique values past it are left alone).</summary>
    internal const int BytesCapacity = 1024;

    private static readonly ConcurrentDictionary<byte[], byte[]> Bytes = new(ByteContent.Instance);

    /// <summary>The shared instance of a repeated short string (apiVersion, reasons, messages, label values).</summary>
    /// <param name="value">A string.</param>
    /// <returns>An equal string, shared when it is short.</returns>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public static string? String(string? value) => StringPool.Shared.Get(value);

    /// <summary>
    /// Shares the repeated strings of status conditions (type, status, reason). A message usually names its object
    /// ("App web is ready"), so it is not pooled; when it equals the phase message it becomes that same instance.
    /// </summary>
    /// <param name="conditions">The conditions of a freshly read object.</param>
    /// <param name="message">The status's own message, if any.</param>
    public static void Conditions(IList<V1Condition>? conditions, string? message = null)
    {
        if (conditions is null)
        {
            return;
        }

        foreach (var condition in conditions)
        {
            condition.Type = String(condition.Type);
            condition.Status = String(condition.Status);
            condition.Reason = String(condition.Reason);
            if (message is not null && condition.Message == message)
            {
                condition.Message = message;
            }
        }
    }

    /// <summary>Shares equal byte values of Secret data between cached Secrets.</summary>
    /// <param name="data">The data of a freshly read Secret.</param>
    public static void Data(IDictionary<string, byte[]>? data)
    {
        if (data is null || data.Count == 0)
        {
            return;
        }

        foreach (var key in data.Keys.ToArray())
        {
            var value = data[key];
            if (value is null || value.Length > MaxBytesLength)
            {
                continue;
            }

            data[key] = Bytes.TryGetValue(value, out var shared) ? shared : Bytes.Count < BytesCapacity ? Bytes.GetOrAdd(value, value) : value;
        }
    }

    private sealed class ByteContent : IEqualityComparer<byte[]>
    {
        public static ByteContent Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = default(HashCode);
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
