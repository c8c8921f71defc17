using System.Collections.Concurrent;

namespace Interdict.Server.Hosting;

/// <summary>
/// One screening thread per core, taking requests' screens first come, first served. On the thread pool, every request
/// in flight screened at once and the cores were shared among all of them, so a long name (a company name of ten words
/// meeting a thousand candidates) took many times its own work to finish; here it waits its turn and then runs alone
/// on a core. Large batches are not queued here: they use every core themselves.
/// </summary>
internal sealed class ScreeningWorkers : IDisposable
{
    private readonly BlockingCollection<Job> _jobs = new(new ConcurrentQueue<Job>());
    private readonly Thread[] _threads;

    public ScreeningWorkers(int count, string name = "interdict-screen")
    {
        _threads = new Thread[Math.Max(1, count)];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"{name}-{i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>How many screening threads there are.</summary>
    public int Count => _threads.Length;

    /// <summary>Runs <paramref name="work"/> on a screening thread; completes (or fails) when it has run.</summary>
    public Task Run(Action work)
    {
        var job = new Job(work, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _jobs.Add(job);
        return job.Done.Task;
    }

    /// <summary>Runs <paramref name="work"/> on a screening thread and returns what it returns.</summary>
    public async Task<T> Run<T>(Func<T> work)
    {
        var result = default(T)!;
        await Run(() => { result = work(); });
        return result;
    }

    /// <summary>
    /// Runs <paramref name="each"/> for 0 … <paramref name="count"/> − 1 as <paramref name="jobs"/> jobs (at most one per
    /// thread), each taking the next index until none is left; completes when all have run.
    /// </summary>
    public Task RunEach(int count, int jobs, Action<int> each)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Math.Clamp(jobs, 1, Count)).Select(_ => Run(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                each(i);
            }
        })));
    }

    public void Dispose()
    {
        _jobs.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _jobs.Dispose();
    }

    private void Work()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            try
            {
                job.Work();
                job.Done.SetResult();
            }
#pragma warning disable CA1031 // The failure goes to the request that queued the work; the thread serves the next one.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                job.Done.SetException(ex);
            }
        }
    }

    private sealed record Job(Action Work, TaskCompletionSource Done);
}
