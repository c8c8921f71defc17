using Interdict.Server.Hosting;

namespace Interdict.Server.Tests;

/// <summary>The screening threads: results and failures reach the request that queued the work; at most one job per thread runs at a time.</summary>
public sealed class ScreeningWorkersTests
{
    [Fact]
    public async Task Run_ReturnsResultsAndFailures_AndRunsAtMostOneJobPerThread()
    {
        using var workers = new ScreeningWorkers(2);
        var running = 0;
        var most = 0;
        var jobs = Enumerable.Range(0, 40).Select(i => workers.Run(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(2);
            Interlocked.Decrement(ref running);
            return i * i;
        })).ToList();
        (await Task.WhenAll(jobs)).ShouldBe(Enumerable.Range(0, 40).Select(i => i * i));
        most.ShouldBe(2);

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => workers.Run(() => throw new InvalidOperationException("engine gone")));
        failure.Message.ShouldBe("engine gone");
        (await workers.Run(() => "still serving")).ShouldBe("still serving");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
