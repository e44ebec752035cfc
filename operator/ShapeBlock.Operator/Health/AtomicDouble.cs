namespace ShapeBlock.Operator.Health;

/// <summary>Lock-free updates of a double (metric values written by several workers).</summary>
internal static class AtomicDouble
{
    public static void Update(ref double location, Func<double, double> change)
    {
        var seen = Volatile.Read(ref location);
        while (true)
        {
            var found = Interlocked.CompareExchange(ref location, change(seen), seen);
            if (found.Equals(seen))
            {
                return;
            }

            seen = found;
        }
    }
}
