namespace Mamori.Sensor.Tests.TestSupport;

/// <summary>
/// Bytes a piece of steady-state work allocates on the calling thread: one warm-up pass, then the
/// least of <c>passes</c> measured passes. An allocation per packet or per call shows in every pass;
/// a one-off (a shared pool refilled after a gen-2 collection trimmed it under a busy test run)
/// shows in one pass at most.
/// </summary>
public static class AllocationMeter
{
    public static long LeastOf(int passes, Action pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        pass();
        var least = long.MaxValue;
        for (var i = 0; i < passes; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            pass();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
