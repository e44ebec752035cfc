using k8s.Models;

namespace ShapeBlock.Operator.Kube;

/// <summary>Standard condition bookkeeping: the transition time moves only when the status flips.</summary>
internal static class Conditions
{
    public static List<V1Condition> Set(List<V1Condition>? conditions, string type, string status, string reason, string message, long? generation, DateTime now)
    {
        var list = conditions is null ? [] : new List<V1Condition>(conditions);
        var index = list.FindIndex(c => c.Type == type);
        var previous = index >= 0 ? list[index] : null;
        var condition = new V1Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = previous is not null && previous.Status == status ? previous.LastTransitionTime : TruncateToSeconds(now),
        };
        if (index >= 0)
        {
            list[index] = condition;
        }
        else
        {
            list.Add(condition);
        }

        return list;
    }

    private static DateTime TruncateToSeconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
