using System.Reflection;
using CapacityConsole.Scheduler.Live;

namespace CapacityConsole.Scheduler.Tests.Live;

/// <summary>Updates cross instances as JSON (PostgreSQL NOTIFY): every kind of update must make the trip.</summary>
public sealed class LiveUpdateJsonTests
{
    public static TheoryData<string> UpdateKinds()
    {
        var kinds = new TheoryData<string>();
        foreach (var type in typeof(LiveUpdate).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LiveUpdate)) && !t.IsAbstract))
            kinds.Add(type.FullName!);
        return kinds;
    }

    [Theory]
    [MemberData(nameof(UpdateKinds))]
    public void EveryKindOfUpdate_RoundTripsThroughTheEnvelope(string typeName)
    {
        var type = typeof(LiveUpdate).Assembly.GetType(typeName)!;
        var update = Sample(type);

        var json = LiveUpdateJson.Serialize(new LiveEnvelope(Guid.NewGuid(), update, null));
        var back = LiveUpdateJson.DeserializeEnvelope(json)!.Update;

        Assert.IsType(type, back);
        Assert.Equal(LiveUpdateJson.Serialize(update), LiveUpdateJson.Serialize(back!));
    }

    /// <summary>An instance with a value for every constructor parameter (records: one primary constructor).</summary>
    private static LiveUpdate Sample(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => SampleValue(p.ParameterType)).ToArray();
        return (LiveUpdate)constructor.Invoke(arguments);
    }

    private static object? SampleValue(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(Guid)) return Guid.Parse("8d5e1b4c-1f2a-4c3b-9d8e-7f6a5b4c3d2e");
        if (underlying == typeof(string)) return "bj-1";
        if (underlying == typeof(int)) return 42;
        if (underlying == typeof(long)) return 42L;
        if (underlying == typeof(decimal)) return 445.48m;
        if (underlying == typeof(double)) return 0.5;
        if (underlying == typeof(bool)) return true;
        if (underlying == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        if (underlying.IsEnum) return Enum.GetValues(underlying).GetValue(0);
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = underlying.GetGenericArguments()[0];
            var list = Array.CreateInstance(element, 1);
            list.SetValue(SampleValue(element), 0);
            return list;
        }
        if (underlying.IsClass && underlying.GetConstructors().Length > 0)
        {
            var constructor = underlying.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            return constructor.Invoke(constructor.GetParameters().Select(p => SampleValue(p.ParameterType)).ToArray());
        }
        throw new NotSupportedException($"No sample value for {type} yet: add one here.");
    }
}
