namespace Mamori.Sensor.Tests.TestSupport;

/// <summary>
/// Tests that measure the whole process's heap (<see cref="GC.GetTotalMemory(bool)"/>) run in this collection:
/// alone, after the parallel ones, so other tests' allocations do not count against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurements
{
    public const string Name = "Heap measurements (run alone)";
}
