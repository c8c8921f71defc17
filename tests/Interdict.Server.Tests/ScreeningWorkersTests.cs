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

/// <summary>Issue #19: heavy requests run one at a time, a bounded number wait, and more are turned away.</summary>
public sealed class HeavyLaneTests
{
    [Fact]
    public async Task TryRun_RunsOneRequestAtATime_KeepsABoundedQueue_AndTurnsTheRestAway()
    {
        using var lane = new HeavyLane(threads: 2, maxWaiting: 1);
        using var release = new ManualResetEventSlim();
        var screened = new int[10];
        var token = TestContext.Current.CancellationToken;

        // The first request holds the lane until released; every one of its names is screened once.
        var first = lane.TryRun(10, i => { release.Wait(token); Interlocked.Increment(ref screened[i]); }, token);
        var second = lane.TryRun(3, _ => { }, token); // waits its turn
        var third = await lane.TryRun(3, _ => { }, token); // one too many
        third.ShouldBeFalse();
        second.IsCompleted.ShouldBeFalse();

        release.Set();
        (await first).ShouldBeTrue();
        (await second).ShouldBeTrue();
        screened.ShouldAllBe(n => n == 1);
        (await lane.TryRun(1, _ => { }, token)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Qassem Soleimani", 2)]
    [InlineData("SOLEIMANI, Qasem", 2)]
    [InlineData("قاسم سلیمانی", 16)] // Arabic script: eight times a Latin word
    [InlineData("Qassem Soleimani\uFEFF", 2)] // a byte-order mark is no Arabic letter
    public void WorkOf_CountsWords_AndArabicScriptWordsEightTimes(string name, int work) => HeavyLane.WorkOf(name).ShouldBe(work);
}
